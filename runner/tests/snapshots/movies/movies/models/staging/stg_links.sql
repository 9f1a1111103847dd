-- One row per MovieLens movie id with its TMDB id (= movies_metadata.id); first record wins.
select distinct on ("movieId")
    "movieId" as ml_movie_id,
    nullif("imdbId", '') as imdb_id,
    "tmdbId" as movie_id
from "raw"."links"
order by "movieId", _line