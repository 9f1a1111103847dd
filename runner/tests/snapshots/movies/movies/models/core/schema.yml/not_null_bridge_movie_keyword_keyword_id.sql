
select keyword_id
from "core"."bridge_movie_keyword"
where keyword_id is null
