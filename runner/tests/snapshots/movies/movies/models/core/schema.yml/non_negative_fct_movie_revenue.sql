
select revenue
from "core"."fct_movie"
where revenue < 0
