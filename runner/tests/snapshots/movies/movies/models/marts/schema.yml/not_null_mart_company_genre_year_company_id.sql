
select company_id
from "marts"."mart_company_genre_year"
where company_id is null
