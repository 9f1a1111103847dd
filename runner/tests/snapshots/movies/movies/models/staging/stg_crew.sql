

-- One row per crew credit (movie, credit_id); credits of a repeated id: first record wins.
with __dbt__cte__stg_credits as (
select distinct on (id)
    id as movie_id,
    _line as source_line,
    case when jsonb_typeof("cast") = 'array' then "cast" else '[]'::jsonb end as cast_list,
    case when jsonb_typeof(crew) = 'array' then crew else '[]'::jsonb end as crew_list
from "raw"."credits"
order by id, _line
),
 elements as (
    select
        c.movie_id,
        e.position,
        e.element
    from __dbt__cte__stg_credits as c
    cross join lateral jsonb_array_elements(c.crew_list) with ordinality as e (element, position)
    where nullif(e.element ->> 'credit_id', '') is not null
)

select distinct on (movie_id, credit_id)
    movie_id,
    element ->> 'credit_id' as credit_id,
    case when element ->> 'id' ~ '^[0-9]{1,18}$' then (element ->> 'id')::bigint end as person_id,
    nullif(element ->> 'name', '') as person_name,
    nullif(element ->> 'department', '') as department,
    nullif(element ->> 'job', '') as job,
    case when element ->> 'gender' ~ '^[0-9]$' then (element ->> 'gender')::int end as gender
from elements
order by movie_id, credit_id, position