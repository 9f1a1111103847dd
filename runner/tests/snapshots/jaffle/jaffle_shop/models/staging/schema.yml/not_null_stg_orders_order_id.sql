
select order_id
from "public"."stg_orders"
where order_id is null
