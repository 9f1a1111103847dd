
select movie_count
from "marts"."mart_genre_year"
where movie_count is null
