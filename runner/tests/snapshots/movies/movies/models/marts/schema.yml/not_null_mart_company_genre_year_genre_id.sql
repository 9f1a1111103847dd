
select genre_id
from "marts"."mart_company_genre_year"
where genre_id is null
