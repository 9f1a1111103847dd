

-- One row per (genre, release year of the movies) with ratings: how users rated
-- that genre's movies of that year. The year is the movie's release year, as in
-- mart_genre_year, so the two marts join on (genre_id, release_year).
--
-- Ratings are summed per movie first (26M rows -> one row per rated movie), so
-- the genre join and the grouping work on tens of thousands of rows, not on
-- every rating times its movie's genres. The bridge has one row per (movie,
-- genre), so counting joined rows counts distinct movies.
with ratings_per_movie as (
    select
        movie_id,
        count(*) as rating_count,
        sum(rating) as rating_sum
    from "core"."fct_rating"
    group by movie_id
)

select
    b.genre_id,
    g.genre_name,
    f.release_year,
    sum(p.rating_count)::bigint as rating_count,
    count(*) as rated_movie_count,
    sum(p.rating_sum) / sum(p.rating_count) as avg_rating
from ratings_per_movie as p
join "core"."fct_movie" as f on f.movie_id = p.movie_id
join "core"."bridge_movie_genre" as b on b.movie_id = p.movie_id
join "core"."dim_genre" as g on g.genre_id = b.genre_id
where f.release_year is not null
group by b.genre_id, g.genre_name, f.release_year