
select movie_id, keyword_id, count(*) as occurrences
from "core"."bridge_movie_keyword"
group by movie_id, keyword_id
having count(*) > 1
