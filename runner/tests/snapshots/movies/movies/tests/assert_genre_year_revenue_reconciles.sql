-- Total revenue in mart_genre_year for a year equals the sum over that year's
-- movies of revenue counted once per genre of the movie (computed from the fact
-- and the bridge, not from the mart). Returns the years that disagree.
with mart as (
    select release_year, sum(total_revenue) as revenue
    from "marts"."mart_genre_year"
    group by release_year
),

movies as (
    select f.release_year, sum(f.revenue * g.genre_count) as revenue
    from "core"."fct_movie" as f
    join (
        select movie_id, count(*) as genre_count
        from "core"."bridge_movie_genre"
        group by movie_id
    ) as g on g.movie_id = f.movie_id
    where f.release_year is not null
    group by f.release_year
)

select
    coalesce(mart.release_year, movies.release_year) as release_year,
    mart.revenue as mart_revenue,
    movies.revenue as movies_revenue
from mart
full join movies on movies.release_year = mart.release_year
where mart.revenue is distinct from movies.revenue