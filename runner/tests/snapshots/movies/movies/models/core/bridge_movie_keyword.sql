-- One row per (movie, keyword), for movies of dim_movie only: keywords.csv may
-- list ids that movies_metadata does not have.
select p.movie_id, p.keyword_id
from "staging"."stg_movie_keywords" as p
where exists (
    select 1
    from "core"."dim_movie" as m
    where m.movie_id = p.movie_id
)