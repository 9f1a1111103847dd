

-- One row per (production company, genre, release year) with at least one movie:
-- how many distinct movies the company released in that genre that year.
select
    bc.company_id,
    c.company_name,
    bg.genre_id,
    g.genre_name,
    f.release_year,
    count(distinct f.movie_id) as release_count
from "core"."fct_movie" as f
join "core"."bridge_movie_company" as bc on bc.movie_id = f.movie_id
join "core"."bridge_movie_genre" as bg on bg.movie_id = f.movie_id
join "core"."dim_company" as c on c.company_id = bc.company_id
join "core"."dim_genre" as g on g.genre_id = bg.genre_id
where f.release_year is not null
group by bc.company_id, c.company_name, bg.genre_id, g.genre_name, f.release_year