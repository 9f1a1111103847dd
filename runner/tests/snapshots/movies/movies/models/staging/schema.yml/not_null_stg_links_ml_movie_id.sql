
select ml_movie_id
from "staging"."stg_links"
where ml_movie_id is null
