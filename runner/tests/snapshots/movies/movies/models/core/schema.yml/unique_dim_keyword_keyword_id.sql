
select keyword_id as unique_field, count(*) as n_records
from "core"."dim_keyword"
where keyword_id is not null
group by keyword_id
having count(*) > 1
