
select genre_id
from "marts"."mart_genre_rating_year"
where genre_id is null
