-- A model over a snapshot: each customer's current version.
select id, name, dbt_valid_from as since
from {{ ref('customers_ts') }}
where dbt_valid_to is null
