-- One row per (movie, genre).
select movie_id, genre_id
from {{ ref('stg_movie_genres') }}
