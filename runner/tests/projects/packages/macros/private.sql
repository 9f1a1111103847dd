{% macro _shop_prefix() -%}
  'shop_'
{%- endmacro %}
