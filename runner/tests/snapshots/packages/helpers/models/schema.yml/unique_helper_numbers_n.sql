
select n as unique_field, count(*) as n_records
from "public_helpers"."helper_numbers"
where n is not null
group by n
having count(*) > 1
