

-- One row per movie id: when an id repeats, the first record in file order wins.
with first_records as (
    select distinct on (id) *
    from "raw"."movies_metadata"
    order by id, _line
),

typed as (
    select
        *,
        case when release_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then
    case when substr(release_date, 1, 4)::int >= 1 and substr(release_date, 6, 2)::int between 1 and 12 then
        case when substr(release_date, 9, 2)::int between 1 and extract(day from
                make_date(substr(release_date, 1, 4)::int, substr(release_date, 6, 2)::int, 1)
                + interval '1 month - 1 day')
            then release_date::date
        end
    end
end as parsed_release_date
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
    case when jsonb_typeof(genres) = 'array' then genres else '[]'::jsonb end as genres,
    case when jsonb_typeof(production_companies) = 'array' then production_companies else '[]'::jsonb end as production_companies,
    _line as source_line
from typed