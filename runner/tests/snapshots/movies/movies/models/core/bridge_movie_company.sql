-- One row per (movie, production company).
select movie_id, company_id
from "staging"."stg_movie_companies"