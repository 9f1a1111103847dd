
select movie_id
from "core"."fct_movie"
where movie_id is null
