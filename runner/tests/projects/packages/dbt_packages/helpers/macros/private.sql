{% macro _sep() -%}
  '-'
{%- endmacro %}
