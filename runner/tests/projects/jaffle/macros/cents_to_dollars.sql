{% macro cents_to_dollars(column_name, precision=2) -%}
    round(({{ column_name }} / 100.0)::numeric, {{ precision }})
{%- endmacro %}
