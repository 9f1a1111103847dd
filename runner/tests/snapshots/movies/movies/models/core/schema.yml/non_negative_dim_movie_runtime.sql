
select runtime
from "core"."dim_movie"
where runtime < 0
