
select release_year
from "marts"."mart_genre_year"
where release_year is null
