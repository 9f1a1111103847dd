{# quadruple calls `double` unqualified: the package's own, defined in another file. #}
{% macro quadruple(x) -%}
  {{ double(double(x)) }}
{%- endmacro %}

{% macro label(x) -%}
  {{ return(adapter.dispatch('label', 'helpers')(x)) }}
{%- endmacro %}

{% macro default__label(x) -%}
  'helpers:' || {{ x }}
{%- endmacro %}

{% macro shout(x) -%}
  {{ return(adapter.dispatch('shout', 'helpers')(x)) }}
{%- endmacro %}

{% macro default__shout(x) -%}
  upper({{ x }})
{%- endmacro %}

{% macro postgres__shout(x) -%}
  upper({{ x }}) || '!'
{%- endmacro %}

{# The one-argument form: the root project, then this package, then dbt. #}
{% macro tag() -%}
  {{ return(adapter.dispatch('tag')()) }}
{%- endmacro %}

{% macro default__tag() -%}
  {{ _sep() }} || 'tagged'
{%- endmacro %}
