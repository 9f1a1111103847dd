-- One row per (movie, production company).
select movie_id, company_id
from {{ ref('stg_movie_companies') }}
