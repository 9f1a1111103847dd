{# The root's own implementation of shims' dispatched `wrap`: found before
   the package's, as nothing in dispatch: names the shims namespace. #}
{% macro default__wrap(x) -%}
  '<' || {{ x }} || '>'
{%- endmacro %}

{# Unqualified `double` is this one in the root project; helpers' macros see their own. #}
{% macro double(x) -%}
  ({{ x }} * 3)
{%- endmacro %}

{% macro cents(column) -%}
  {{ return(adapter.dispatch('cents')(column)) }}
{%- endmacro %}

{% macro default__cents(column) -%}
  ({{ column }} / 100.0)
{%- endmacro %}
