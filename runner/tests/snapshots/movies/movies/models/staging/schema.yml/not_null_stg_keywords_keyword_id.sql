
select keyword_id
from "staging"."stg_keywords"
where keyword_id is null
