
select genre_id
from "core"."dim_genre"
where genre_id is null
