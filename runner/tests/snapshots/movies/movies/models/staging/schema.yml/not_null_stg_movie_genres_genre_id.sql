
select genre_id
from "staging"."stg_movie_genres"
where genre_id is null
