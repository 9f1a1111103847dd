
select vote_average
from "core"."fct_movie"
where vote_average is not null
  and (
    false
    or vote_average < 0
    or vote_average > 10
  )
