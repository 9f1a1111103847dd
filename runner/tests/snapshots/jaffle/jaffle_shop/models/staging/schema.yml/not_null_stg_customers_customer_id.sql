
select customer_id
from "public"."stg_customers"
where customer_id is null
