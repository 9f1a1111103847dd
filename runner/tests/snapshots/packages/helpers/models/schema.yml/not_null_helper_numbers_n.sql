
select n
from "public_helpers"."helper_numbers"
where n is null
