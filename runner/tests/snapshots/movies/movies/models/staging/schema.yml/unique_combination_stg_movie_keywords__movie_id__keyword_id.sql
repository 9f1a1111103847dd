
select movie_id, keyword_id, count(*) as occurrences
from "staging"."stg_movie_keywords"
group by movie_id, keyword_id
having count(*) > 1
