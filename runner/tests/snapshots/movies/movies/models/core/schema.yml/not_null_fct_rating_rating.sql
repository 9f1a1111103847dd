
select rating
from "core"."fct_rating"
where rating is null
