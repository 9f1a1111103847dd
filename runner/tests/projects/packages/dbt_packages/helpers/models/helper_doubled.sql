select n, {{ double('n') }} as doubled from {{ ref('helper_numbers') }}
