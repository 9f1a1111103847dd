
select customer_id
from "public"."customers"
where customer_id is null
