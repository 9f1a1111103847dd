
select movie_id, genre_id, count(*) as occurrences
from "staging"."stg_movie_genres"
group by movie_id, genre_id
having count(*) > 1
