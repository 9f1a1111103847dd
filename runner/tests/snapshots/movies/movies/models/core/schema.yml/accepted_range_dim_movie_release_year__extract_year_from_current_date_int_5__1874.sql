
select release_year
from "core"."dim_movie"
where release_year is not null
  and (
    false
    or release_year < 1874
    or release_year > extract(year from current_date)::int + 5
  )
