
select order_id
from "public"."orders"
where order_id is null
