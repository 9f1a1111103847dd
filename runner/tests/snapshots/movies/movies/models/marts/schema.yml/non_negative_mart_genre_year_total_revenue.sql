
select total_revenue
from "marts"."mart_genre_year"
where total_revenue < 0
