
select release_year, popularity_rank, count(*) as occurrences
from "marts"."mart_genre_year"
group by release_year, popularity_rank
having count(*) > 1
