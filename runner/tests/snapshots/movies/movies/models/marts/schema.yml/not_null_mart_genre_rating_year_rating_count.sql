
select rating_count
from "marts"."mart_genre_rating_year"
where rating_count is null
