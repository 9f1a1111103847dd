{# Its implementation of helpers' `label`, chosen by the root's dispatch: search order. #}
{% macro default__label(x) -%}
  'shims:' || {{ x }}
{%- endmacro %}

{% macro wrap(x) -%}
  {{ return(adapter.dispatch('wrap', 'shims')(x)) }}
{%- endmacro %}

{% macro default__wrap(x) -%}
  '[' || {{ x }} || ']'
{%- endmacro %}
