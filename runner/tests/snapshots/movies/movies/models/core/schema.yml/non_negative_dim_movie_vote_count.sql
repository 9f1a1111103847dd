
select vote_count
from "core"."dim_movie"
where vote_count < 0
