select count(*) as people, string_agg(name, ',' order by id) as names
from "raw"."people_v2"