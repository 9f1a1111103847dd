

-- One row per rating of a known movie. Ratings whose movie is unknown (no link,
-- or a TMDB id missing from movies_metadata) are not here; the test
-- assert_ratings_with_unknown_movie counts them.
with links_per_movie as (
    select movie_id, count(*) as links
    from "staging"."stg_links"
    group by movie_id
),

known_links as (
    -- A TMDB id can have two MovieLens ids (shared_movie): only ratings of those
    -- can collide on the key, so only those are deduplicated below, and the 26M
    -- ratings of the full dataset are not sorted. (Counted with a GROUP BY, not
    -- a window function: PostgreSQL runs the join of the 26M ratings to these
    -- links in parallel workers only when no window function is under it.)
    select
        l.ml_movie_id,
        l.movie_id,
        n.links > 1 as shared_movie
    from "staging"."stg_links" as l
    join "core"."dim_movie" as m on m.movie_id = l.movie_id
    join links_per_movie as n on n.movie_id = l.movie_id
),

ratings as not materialized (
    select
        r.user_id,
        l.movie_id,
        r.ml_movie_id,
        r.rating,
        r.rated_at,
        l.shared_movie
    from "staging"."stg_ratings" as r
    join known_links as l on l.ml_movie_id = r.ml_movie_id
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