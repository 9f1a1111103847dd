

select distinct on (id)
    id as movie_id,
    _line as source_line,
    case when jsonb_typeof("cast") = 'array' then "cast" else '[]'::jsonb end as cast_list,
    case when jsonb_typeof(crew) = 'array' then crew else '[]'::jsonb end as crew_list
from "raw"."credits"
order by id, _line