
select rated_at
from "core"."fct_rating"
where rated_at is null
