-- One row per keyword id, named by its first non-empty name in file order.
{{ first_name_per_id(ref('stg_movie_keywords'), 'keyword') }}
