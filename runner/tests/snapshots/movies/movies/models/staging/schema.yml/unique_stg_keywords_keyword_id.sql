
select keyword_id as unique_field, count(*) as n_records
from "staging"."stg_keywords"
where keyword_id is not null
group by keyword_id
having count(*) > 1
