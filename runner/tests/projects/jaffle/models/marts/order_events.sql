{{ config(materialized='incremental', unique_key='order_id') }}
select order_id, status, order_date, amount
from {{ ref('orders') }}
{% if is_incremental() %}
where order_date >= (select max(order_date) from {{ this }})
{% endif %}
