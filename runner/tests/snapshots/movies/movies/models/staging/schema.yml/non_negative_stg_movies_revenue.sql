
select revenue
from "staging"."stg_movies"
where revenue < 0
