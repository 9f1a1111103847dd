-- One row per (movie, keyword); keyword lists of a repeated id: the first record wins.
{% set first_keyword_lists -%}
(
    select distinct on (id)
        id as movie_id,
        _line as source_line,
        keywords
    from {{ source('raw', 'keywords') }}
    order by id, _line
)
{%- endset %}
{{ explode_id_name_pairs(first_keyword_lists, 'keywords', 'keyword') }}
