
select dbt_scd_id
from "snapshots"."movie_financials"
where dbt_scd_id is null
