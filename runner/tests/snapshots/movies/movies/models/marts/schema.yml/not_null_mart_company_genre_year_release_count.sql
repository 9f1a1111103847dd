
select release_count
from "marts"."mart_company_genre_year"
where release_count is null
