
select movie_id
from "core"."bridge_movie_company"
where movie_id is null
