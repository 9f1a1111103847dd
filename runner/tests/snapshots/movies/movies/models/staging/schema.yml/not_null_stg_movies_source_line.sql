
select source_line
from "staging"."stg_movies"
where source_line is null
