
select keyword_id
from "staging"."stg_movie_keywords"
where keyword_id is null
