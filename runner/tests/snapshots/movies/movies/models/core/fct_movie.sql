-- One row per movie: its measures. budget/revenue are NULL when unknown (0 in the
-- file); profit only when both are known.
select
    movie_id,
    release_date,
    release_year,
    budget,
    revenue,
    revenue - budget as profit,
    popularity,
    vote_average,
    vote_count,
    runtime
from "staging"."stg_movies"