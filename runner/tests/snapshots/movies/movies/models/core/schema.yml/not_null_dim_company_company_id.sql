
select company_id
from "core"."dim_company"
where company_id is null
