
select movie_id
from "staging"."stg_movie_companies"
where movie_id is null
