
select runtime
from "core"."fct_movie"
where runtime < 0
