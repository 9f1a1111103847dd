
select dbt_scd_id
from "public"."customers_ts"
where dbt_scd_id is null
