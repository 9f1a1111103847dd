{{ config(severity='warn') }}

-- Ratings left out of fct_rating because their movie is unknown: the MovieLens id
-- has no link, the link has no TMDB id, or that id is not in movies_metadata.
-- A warning, not an error: the sample and partial datasets have many of these.
select r.user_id, r.ml_movie_id, r.rated_at, l.movie_id as linked_movie_id
from {{ ref('stg_ratings') }} as r
left join {{ ref('stg_links') }} as l on l.ml_movie_id = r.ml_movie_id
where not exists (
    select 1
    from {{ ref('fct_rating') }} as f
    where f.user_id = r.user_id
      and f.ml_movie_id = r.ml_movie_id
      and f.rated_at = r.rated_at
)
