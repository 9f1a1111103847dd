select count(*) as people from {{ source('raw', 'people') }}
