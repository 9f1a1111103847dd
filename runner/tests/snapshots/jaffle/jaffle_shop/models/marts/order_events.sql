
select order_id, status, order_date, amount
from "public"."orders"
