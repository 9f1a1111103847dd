
select runtime
from "staging"."stg_movies"
where runtime < 0
