-- Every year of mart_genre_year has exactly one row in mart_top_genre_year, and no
-- genre of that year has a higher total popularity. Returns the years that break it.
with best as (
    select release_year, max(total_popularity) as max_popularity
    from "marts"."mart_genre_year"
    group by release_year
)

select best.release_year, best.max_popularity, top.total_popularity
from best
left join "marts"."mart_top_genre_year" as top on top.release_year = best.release_year
where top.release_year is null
   or top.total_popularity is distinct from best.max_popularity