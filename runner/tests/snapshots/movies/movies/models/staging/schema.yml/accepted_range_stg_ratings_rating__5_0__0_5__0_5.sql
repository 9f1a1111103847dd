
select rating
from "staging"."stg_ratings"
where rating is not null
  and (
    false
    or rating < 0.5
    or rating > 5.0
    or mod(rating::numeric, 0.5) <> 0
  )
