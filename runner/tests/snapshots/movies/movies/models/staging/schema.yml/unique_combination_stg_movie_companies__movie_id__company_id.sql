
select movie_id, company_id, count(*) as occurrences
from "staging"."stg_movie_companies"
group by movie_id, company_id
having count(*) > 1
