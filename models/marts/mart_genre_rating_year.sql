{{ config(post_hook=["create index on {{ this }} (release_year)"]) }}

-- One row per (genre, release year of the movies) with ratings: how users rated
-- that genre's movies of that year. The year is the movie's release year, as in
-- mart_genre_year, so the two marts join on (genre_id, release_year).
select
    b.genre_id,
    g.genre_name,
    f.release_year,
    count(*) as rating_count,
    count(distinct r.movie_id) as rated_movie_count,
    avg(r.rating) as avg_rating
from {{ ref('fct_rating') }} as r
join {{ ref('fct_movie') }} as f on f.movie_id = r.movie_id
join {{ ref('bridge_movie_genre') }} as b on b.movie_id = r.movie_id
join {{ ref('dim_genre') }} as g on g.genre_id = b.genre_id
where f.release_year is not null
group by b.genre_id, g.genre_name, f.release_year
