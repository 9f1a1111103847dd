{#- Explodes a jsonb list of {'id': .., 'name': ..} objects into one row per
    (movie_id, <entity>_id): the genres, production_companies and keywords lists.

    relation:    a relation or parenthesized subquery with movie_id, source_line
                 and the jsonb column
    json_column: the jsonb list column
    entity:      column prefix of the output (genre -> genre_id, genre_name)

    Elements whose id is not a non-negative integer are skipped. A pair listed twice
    for one movie is kept once, at its first position (the name from there). -#}
{% macro explode_id_name_pairs(relation, json_column, entity) -%}
with elements as (
    select
        r.movie_id,
        r.source_line,
        e.position,
        e.element
    from {{ relation }} as r
    cross join lateral jsonb_array_elements({{ json_array('r.' ~ json_column) }})
        with ordinality as e (element, position)
),

pairs as (
    select
        movie_id,
        source_line,
        position,
        (element ->> 'id')::bigint as {{ entity }}_id,
        nullif(element ->> 'name', '') as {{ entity }}_name
    from elements
    where element ->> 'id' ~ '^[0-9]{1,18}$'
)

select distinct on (movie_id, {{ entity }}_id)
    movie_id,
    {{ entity }}_id,
    {{ entity }}_name,
    source_line,
    position
from pairs
order by movie_id, {{ entity }}_id, position
{%- endmacro %}
