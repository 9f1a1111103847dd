{#- Incremental: ratings only grow, and the full file has 26M of them. A run adds
    the ratings from the latest rated_at already loaded on (>=, so ratings sharing
    that second are not lost; delete+insert on the key keeps them once).
    --full-refresh rebuilds, e.g. after movies were added.
    The unique index (created with the table, not on every run as a post_hook
    would) enforces the grain and serves the delete of delete+insert. -#}
{{ config(
    materialized='incremental',
    unique_key=['user_id', 'movie_id', 'rated_at'],
    incremental_strategy='delete+insert',
    indexes=[{'columns': ['user_id', 'movie_id', 'rated_at'], 'unique': true}]
) }}

-- One row per rating of a known movie. Ratings whose movie is unknown (no link,
-- or a TMDB id missing from movies_metadata) are not here; the test
-- assert_ratings_with_unknown_movie counts them.
with known_links as (
    -- A TMDB id can have two MovieLens ids (shared_movie): only ratings of those
    -- can collide on the key, so only those are deduplicated below, and the 26M
    -- ratings of the full dataset are not sorted.
    select
        l.ml_movie_id,
        l.movie_id,
        count(*) over (partition by l.movie_id) > 1 as shared_movie
    from {{ ref('stg_links') }} as l
    join {{ ref('dim_movie') }} as m on m.movie_id = l.movie_id
),

ratings as not materialized (
    select
        r.user_id,
        l.movie_id,
        r.ml_movie_id,
        r.rating,
        r.rated_at,
        l.shared_movie
    from {{ ref('stg_ratings') }} as r
    join known_links as l on l.ml_movie_id = r.ml_movie_id
    {%- if is_incremental() %}
    where r.rated_at >= (select coalesce(max(rated_at), '-infinity') from {{ this }})
    {%- endif %}
)

select user_id, movie_id, ml_movie_id, rating, rated_at
from ratings
where not shared_movie

union all

-- One user rating both MovieLens ids of a movie in the same second is one rating
-- of the movie: keep the lower MovieLens id's.
(
    select distinct on (user_id, movie_id, rated_at)
        user_id,
        movie_id,
        ml_movie_id,
        rating,
        rated_at
    from ratings
    where shared_movie
    order by user_id, movie_id, rated_at, ml_movie_id
)
