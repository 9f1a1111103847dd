-- One row per (movie, genre).
select movie_id, genre_id
from "staging"."stg_movie_genres"