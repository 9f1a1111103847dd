
select user_id
from "core"."fct_rating"
where user_id is null
