with source as (
    select * from "public_raw"."raw_customers"
)
select id as customer_id, first_name, last_name
from source