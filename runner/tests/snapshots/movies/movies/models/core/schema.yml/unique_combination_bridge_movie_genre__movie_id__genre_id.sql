
select movie_id, genre_id, count(*) as occurrences
from "core"."bridge_movie_genre"
group by movie_id, genre_id
having count(*) > 1
