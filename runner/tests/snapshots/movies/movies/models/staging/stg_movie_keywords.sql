-- One row per (movie, keyword); keyword lists of a repeated id: the first record wins.

with elements as (
    select
        r.movie_id,
        r.source_line,
        e.position,
        e.element
    from (
    select distinct on (id)
        id as movie_id,
        _line as source_line,
        keywords
    from "raw"."keywords"
    order by id, _line
) as r
    cross join lateral jsonb_array_elements(case when jsonb_typeof(r.keywords) = 'array' then r.keywords else '[]'::jsonb end)
        with ordinality as e (element, position)
),

pairs as (
    select
        movie_id,
        source_line,
        position,
        (element ->> 'id')::bigint as keyword_id,
        nullif(element ->> 'name', '') as keyword_name
    from elements
    where element ->> 'id' ~ '^[0-9]{1,18}$'
)

select distinct on (movie_id, keyword_id)
    movie_id,
    keyword_id,
    keyword_name,
    source_line,
    position
from pairs
order by movie_id, keyword_id, position