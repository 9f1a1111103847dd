
select company_id
from "core"."bridge_movie_company"
where company_id is null
