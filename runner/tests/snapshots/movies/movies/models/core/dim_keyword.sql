-- One row per keyword id of a known movie.
select k.keyword_id, k.keyword_name
from "staging"."stg_keywords" as k
where exists (
    select 1
    from "core"."bridge_movie_keyword" as b
    where b.keyword_id = k.keyword_id
)