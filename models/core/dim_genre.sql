-- One row per genre id. A genre named differently across movies takes the first
-- non-empty name in file order (see macro first_name_per_id).
{{ first_name_per_id(ref('stg_movie_genres'), 'genre') }}
