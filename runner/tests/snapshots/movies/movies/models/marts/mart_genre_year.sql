

-- One row per (genre, release year). Movies without a release year are left out.
-- Sums skip unknown (NULL) values and are NULL when no value is known.
with genre_movies as (
    select
        b.genre_id,
        f.movie_id,
        f.release_year,
        f.budget,
        f.revenue,
        f.profit,
        f.popularity
    from "core"."fct_movie" as f
    join "core"."bridge_movie_genre" as b on b.movie_id = f.movie_id
    where f.release_year is not null
),

totals as (
    select
        m.genre_id,
        g.genre_name,
        m.release_year,
        count(distinct m.movie_id) as movie_count,
        sum(m.budget) as total_budget,
        sum(m.revenue) as total_revenue,
        sum(m.profit) as total_profit,
        avg(m.popularity) as avg_popularity,
        sum(m.popularity) as total_popularity
    from genre_movies as m
    join "core"."dim_genre" as g on g.genre_id = m.genre_id
    group by m.genre_id, g.genre_name, m.release_year
)

select
    *,
    -- 1 = most popular genre of the year; genre_id breaks full ties (same name).
    row_number() over (
        partition by release_year
        order by total_popularity desc nulls last, movie_count desc,
            genre_name collate "C" asc nulls last, genre_id asc
    ) as popularity_rank
from totals