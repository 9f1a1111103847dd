
select
    id as payment_id,
    order_id,
    payment_method,
    round((amount / 100.0)::numeric, 2) as amount
from "public_raw"."raw_payments"