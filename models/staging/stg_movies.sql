{#- A table, not a view: it deduplicates and parses once for the many models
    built on it (pairs, dims, facts). -#}
{{ config(materialized='table') }}

-- One row per movie id: when an id repeats, the first record in file order wins.
with first_records as (
    select distinct on (id) *
    from {{ source('raw', 'movies_metadata') }}
    order by id, _line
),

typed as (
    select
        *,
        {{ iso_date('release_date') }} as parsed_release_date
    from first_records
)

select
    id as movie_id,
    nullif(imdb_id, '') as imdb_id,
    nullif(title, '') as title,
    nullif(original_title, '') as original_title,
    nullif(original_language, '') as original_language,
    nullif(status, '') as status,
    case lower(adult) when 'true' then true when 'false' then false end as is_adult,
    parsed_release_date as release_date,
    extract(year from parsed_release_date)::int as release_year,
    nullif(budget, 0) as budget,
    nullif(revenue, 0) as revenue,
    popularity,
    runtime,
    vote_average,
    vote_count,
    case when belongs_to_collection ->> 'id' ~ '^[0-9]{1,18}$'
        then (belongs_to_collection ->> 'id')::bigint end as collection_id,
    case when jsonb_typeof(belongs_to_collection) = 'object'
        then nullif(belongs_to_collection ->> 'name', '') end as collection_name,
    {{ json_array('genres') }} as genres,
    {{ json_array('production_companies') }} as production_companies,
    _line as source_line
from typed
