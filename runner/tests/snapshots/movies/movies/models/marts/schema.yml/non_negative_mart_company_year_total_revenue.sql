
select total_revenue
from "marts"."mart_company_year"
where total_revenue < 0
