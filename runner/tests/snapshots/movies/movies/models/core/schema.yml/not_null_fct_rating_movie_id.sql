
select movie_id
from "core"."fct_rating"
where movie_id is null
