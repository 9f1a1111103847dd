
select release_year
from "marts"."mart_company_year"
where release_year is null
