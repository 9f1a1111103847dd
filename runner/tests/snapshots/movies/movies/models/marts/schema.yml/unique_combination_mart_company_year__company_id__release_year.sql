
select company_id, release_year, count(*) as occurrences
from "marts"."mart_company_year"
group by company_id, release_year
having count(*) > 1
