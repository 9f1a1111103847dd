{{ config(severity='warn', fail_calc='sum(rating_count)') }}

-- Ratings left out of fct_rating because their movie is unknown: the MovieLens id
-- has no link, the link has no TMDB id, or that id is not in movies_metadata
-- (the join fct_rating makes, checked against the small tables, not against
-- fct_rating's 26M rows).
-- One row per such MovieLens movie with its number of ratings; the failures are
-- the ratings (fail_calc sums them). Counting per MovieLens id first (26M ratings
-- -> one row per rated movie) leaves the joins to tens of thousands of rows: a
-- third of the work of joining every rating.
-- A warning, not an error: the sample and partial datasets have many of these.
with ratings_per_ml_movie as (
    select ml_movie_id, count(*) as rating_count
    from {{ ref('stg_ratings') }}
    group by ml_movie_id
)

select r.ml_movie_id, r.rating_count, l.movie_id as linked_movie_id
from ratings_per_ml_movie as r
left join {{ ref('stg_links') }} as l on l.ml_movie_id = r.ml_movie_id
left join {{ ref('dim_movie') }} as m on m.movie_id = l.movie_id
where m.movie_id is null
