-- One row per genre id. A genre named differently across movies takes the first
-- non-empty name in file order (see macro first_name_per_id).
select distinct on (genre_id)
    genre_id,
    genre_name
from "staging"."stg_movie_genres"
order by genre_id, (genre_name is null), source_line, position