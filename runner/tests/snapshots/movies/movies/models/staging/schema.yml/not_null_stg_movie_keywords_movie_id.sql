
select movie_id
from "staging"."stg_movie_keywords"
where movie_id is null
