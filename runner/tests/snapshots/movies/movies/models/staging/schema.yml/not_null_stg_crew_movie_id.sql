
select movie_id
from "staging"."stg_crew"
where movie_id is null
