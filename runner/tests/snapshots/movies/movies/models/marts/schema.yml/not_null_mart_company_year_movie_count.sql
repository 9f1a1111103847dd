
select movie_count
from "marts"."mart_company_year"
where movie_count is null
