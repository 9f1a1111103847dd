select id, name from {{ source('raw', 'people') }}
