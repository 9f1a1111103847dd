
select movie_id
from "core"."bridge_movie_genre"
where movie_id is null
