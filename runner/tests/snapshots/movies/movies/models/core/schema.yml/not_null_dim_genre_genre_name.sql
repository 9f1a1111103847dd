
select genre_name
from "core"."dim_genre"
where genre_name is null
