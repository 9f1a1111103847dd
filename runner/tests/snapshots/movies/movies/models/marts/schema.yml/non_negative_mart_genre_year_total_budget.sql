
select total_budget
from "marts"."mart_genre_year"
where total_budget < 0
