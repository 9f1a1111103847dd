
select vote_count
from "core"."fct_movie"
where vote_count < 0
