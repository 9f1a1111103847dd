-- One row per (movie, genre) listed in a movie's genres.
{{ explode_id_name_pairs(ref('stg_movies'), 'genres', 'genre') }}
