-- One row per keyword id, named by its first non-empty name in file order.
select distinct on (keyword_id)
    keyword_id,
    keyword_name
from "staging"."stg_movie_keywords"
order by keyword_id, (keyword_name is null), source_line, position