
select ml_movie_id
from "core"."fct_rating"
where ml_movie_id is null
