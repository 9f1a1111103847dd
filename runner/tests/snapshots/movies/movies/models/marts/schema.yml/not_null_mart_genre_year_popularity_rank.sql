
select popularity_rank
from "marts"."mart_genre_year"
where popularity_rank is null
