
select vote_count
from "staging"."stg_movies"
where vote_count < 0
