
select company_id
from "marts"."mart_company_year"
where company_id is null
