
select keyword_id
from "core"."dim_keyword"
where keyword_id is null
