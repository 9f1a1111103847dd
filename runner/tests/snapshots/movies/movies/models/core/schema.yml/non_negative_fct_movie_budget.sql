
select budget
from "core"."fct_movie"
where budget < 0
