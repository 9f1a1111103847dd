

-- One row per release year: its most popular genre (popularity_rank 1 of mart_genre_year).
select
    release_year,
    genre_id,
    genre_name,
    total_popularity,
    movie_count
from "marts"."mart_genre_year"
where popularity_rank = 1