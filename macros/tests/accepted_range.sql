{#- Fails on every non-NULL value outside [min_value, max_value] or not a multiple
    of step. The bounds are SQL expressions, so a bound can move with the clock:
    max_value: "extract(year from current_date)::int + 5". -#}
{% test accepted_range(model, column_name, min_value=none, max_value=none, step=none) %}
select {{ column_name }}
from {{ model }}
where {{ column_name }} is not null
  and (
    false
    {%- if min_value is not none %}
    or {{ column_name }} < {{ min_value }}
    {%- endif %}
    {%- if max_value is not none %}
    or {{ column_name }} > {{ max_value }}
    {%- endif %}
    {%- if step is not none %}
    or mod({{ column_name }}::numeric, {{ step }}) <> 0
    {%- endif %}
  )
{% endtest %}
