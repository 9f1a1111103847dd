
select budget
from "staging"."stg_movies"
where budget < 0
