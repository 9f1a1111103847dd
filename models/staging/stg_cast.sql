{#- A table, not a view like most of staging: nothing is built on it, but its
    tests would each parse every credits record's JSON and sort the credits
    again (2-4 s each on the full dataset, beside the models that decide how
    long a build takes); built once, they read a table. -#}
{{ config(materialized='table') }}

-- One row per cast credit (movie, credit_id); credits of a repeated id: first record wins.
with elements as (
    select
        c.movie_id,
        e.position,
        e.element
    from {{ ref('stg_credits') }} as c
    cross join lateral jsonb_array_elements(c.cast_list) with ordinality as e (element, position)
    where nullif(e.element ->> 'credit_id', '') is not null
)

select distinct on (movie_id, credit_id)
    movie_id,
    element ->> 'credit_id' as credit_id,
    case when element ->> 'id' ~ '^[0-9]{1,18}$' then (element ->> 'id')::bigint end as person_id,
    nullif(element ->> 'name', '') as person_name,
    nullif(element ->> 'character', '') as character_name,
    case when element ->> 'order' ~ '^[0-9]{1,9}$' then (element ->> 'order')::int end as cast_order,
    case when element ->> 'gender' ~ '^[0-9]$' then (element ->> 'gender')::int end as gender
from elements
order by movie_id, credit_id, position
