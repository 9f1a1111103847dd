
select ml_movie_id as unique_field, count(*) as n_records
from "staging"."stg_links"
where ml_movie_id is not null
group by ml_movie_id
having count(*) > 1
