
select movie_id
from "core"."dim_movie"
where movie_id is null
