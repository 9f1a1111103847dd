-- One row per production company id, named as in dim_genre (first non-empty name in file order).
select distinct on (company_id)
    company_id,
    company_name
from "staging"."stg_movie_companies"
order by company_id, (company_name is null), source_line, position