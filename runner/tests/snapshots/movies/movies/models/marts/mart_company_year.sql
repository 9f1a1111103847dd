

-- One row per (production company, release year). Movies without a release year
-- are left out; sums skip unknown values and are NULL when no value is known.
select
    b.company_id,
    c.company_name,
    f.release_year,
    count(distinct f.movie_id) as movie_count,
    sum(f.budget) as total_budget,
    sum(f.revenue) as total_revenue,
    sum(f.profit) as total_profit,
    avg(f.popularity) as avg_popularity
from "core"."fct_movie" as f
join "core"."bridge_movie_company" as b on b.movie_id = f.movie_id
join "core"."dim_company" as c on c.company_id = b.company_id
where f.release_year is not null
group by b.company_id, c.company_name, f.release_year