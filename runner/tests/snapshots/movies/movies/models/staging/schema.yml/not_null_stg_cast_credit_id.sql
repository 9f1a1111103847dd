
select credit_id
from "staging"."stg_cast"
where credit_id is null
