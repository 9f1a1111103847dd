
select movie_id, credit_id, count(*) as occurrences
from "staging"."stg_crew"
group by movie_id, credit_id
having count(*) > 1
