
select avg_rating
from "marts"."mart_genre_rating_year"
where avg_rating is not null
  and (
    false
    or avg_rating < 0.5
    or avg_rating > 5.0
  )
