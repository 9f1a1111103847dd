
select company_name
from "core"."dim_company"
where company_name is null
