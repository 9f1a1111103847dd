
select cast_order
from "staging"."stg_cast"
where cast_order < 0
