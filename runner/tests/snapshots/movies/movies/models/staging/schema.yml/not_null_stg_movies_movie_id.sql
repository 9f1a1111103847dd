
select movie_id
from "staging"."stg_movies"
where movie_id is null
