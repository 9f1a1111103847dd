select n, doubled, '{{ var("greeting") }}' as greeting
from {{ ref('helpers', 'helper_doubled') }}
