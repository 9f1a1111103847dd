
select genre_id
from "core"."bridge_movie_genre"
where genre_id is null
