
select popularity
from "staging"."stg_movies"
where popularity < 0
