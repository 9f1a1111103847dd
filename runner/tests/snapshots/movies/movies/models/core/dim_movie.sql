-- One row per movie: its descriptive attributes (the measures are in fct_movie).
select
    movie_id,
    imdb_id,
    title,
    original_title,
    original_language,
    status,
    is_adult,
    release_date,
    release_year,
    runtime,
    vote_average,
    vote_count,
    collection_id,
    collection_name
from "staging"."stg_movies"