
select genre_id, release_year, count(*) as occurrences
from "marts"."mart_genre_rating_year"
group by genre_id, release_year
having count(*) > 1
