{{ config(materialized='table') }}
select id, name from {{ source('raw', 'items') }}
