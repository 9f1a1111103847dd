-- One row per (movie, production company) listed in a movie's production_companies.
with elements as (
    select
        r.movie_id,
        r.source_line,
        e.position,
        e.element
    from "staging"."stg_movies" as r
    cross join lateral jsonb_array_elements(case when jsonb_typeof(r.production_companies) = 'array' then r.production_companies else '[]'::jsonb end)
        with ordinality as e (element, position)
),

pairs as (
    select
        movie_id,
        source_line,
        position,
        (element ->> 'id')::bigint as company_id,
        nullif(element ->> 'name', '') as company_name
    from elements
    where element ->> 'id' ~ '^[0-9]{1,18}$'
)

select distinct on (movie_id, company_id)
    movie_id,
    company_id,
    company_name,
    source_line,
    position
from pairs
order by movie_id, company_id, position