
select company_id
from "staging"."stg_movie_companies"
where company_id is null
