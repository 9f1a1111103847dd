
select popularity
from "core"."fct_movie"
where popularity < 0
