
select movie_id
from "staging"."stg_cast"
where movie_id is null
