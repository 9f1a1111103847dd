-- One row per (movie, production company) listed in a movie's production_companies.
{{ explode_id_name_pairs(ref('stg_movies'), 'production_companies', 'company') }}
