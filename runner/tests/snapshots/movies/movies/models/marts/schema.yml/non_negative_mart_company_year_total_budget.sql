
select total_budget
from "marts"."mart_company_year"
where total_budget < 0
