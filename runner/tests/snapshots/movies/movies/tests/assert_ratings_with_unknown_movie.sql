

-- Ratings left out of fct_rating because their movie is unknown: the MovieLens id
-- has no link, the link has no TMDB id, or that id is not in movies_metadata
-- (the join fct_rating makes, checked against the small tables, not against
-- fct_rating's 26M rows).
-- A warning, not an error: the sample and partial datasets have many of these.
select r.user_id, r.ml_movie_id, r.rated_at, l.movie_id as linked_movie_id
from "staging"."stg_ratings" as r
left join "staging"."stg_links" as l on l.ml_movie_id = r.ml_movie_id
left join "core"."dim_movie" as m on m.movie_id = l.movie_id
where m.movie_id is null