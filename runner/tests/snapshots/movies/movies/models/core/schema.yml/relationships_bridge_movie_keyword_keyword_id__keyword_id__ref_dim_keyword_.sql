
with child as (
  select keyword_id as from_field
  from "core"."bridge_movie_keyword"
  where keyword_id is not null
),
parent as (
  select keyword_id as to_field
  from "core"."dim_keyword"
)
select from_field
from child
left join parent on child.from_field = parent.to_field
where parent.to_field is null
