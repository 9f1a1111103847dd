
select credit_id
from "staging"."stg_crew"
where credit_id is null
