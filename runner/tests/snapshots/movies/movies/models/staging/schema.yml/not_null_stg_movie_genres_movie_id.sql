
select movie_id
from "staging"."stg_movie_genres"
where movie_id is null
