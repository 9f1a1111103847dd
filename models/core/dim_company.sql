-- One row per production company id, named as in dim_genre (first non-empty name in file order).
{{ first_name_per_id(ref('stg_movie_companies'), 'company') }}
