-- One row per (movie, genre) listed in a movie's genres.
with elements as (
    select
        r.movie_id,
        r.source_line,
        e.position,
        e.element
    from "staging"."stg_movies" as r
    cross join lateral jsonb_array_elements(case when jsonb_typeof(r.genres) = 'array' then r.genres else '[]'::jsonb end)
        with ordinality as e (element, position)
),

pairs as (
    select
        movie_id,
        source_line,
        position,
        (element ->> 'id')::bigint as genre_id,
        nullif(element ->> 'name', '') as genre_name
    from elements
    where element ->> 'id' ~ '^[0-9]{1,18}$'
)

select distinct on (movie_id, genre_id)
    movie_id,
    genre_id,
    genre_name,
    source_line,
    position
from pairs
order by movie_id, genre_id, position