select generate_series({{ var('helper_start') }}, {{ var('helper_start') }} + 2) as n,
       '{{ var("helper_label") }}' as label
