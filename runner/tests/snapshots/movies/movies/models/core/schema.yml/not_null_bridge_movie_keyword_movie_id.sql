
select movie_id
from "core"."bridge_movie_keyword"
where movie_id is null
