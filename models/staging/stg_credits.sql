{#- Ephemeral: the first credits record per movie id, shared by stg_cast and stg_crew. -#}
{{ config(materialized='ephemeral') }}

select distinct on (id)
    id as movie_id,
    _line as source_line,
    {{ json_array('"cast"') }} as cast_list,
    {{ json_array('crew') }} as crew_list
from {{ source('raw', 'credits') }}
order by id, _line
