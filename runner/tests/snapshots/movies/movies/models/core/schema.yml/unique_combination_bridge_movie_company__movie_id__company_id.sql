
select movie_id, company_id, count(*) as occurrences
from "core"."bridge_movie_company"
group by movie_id, company_id
having count(*) > 1
