{% macro quote_ident(name) -%}
"{{ name | replace('"', '""') }}"
{%- endmacro %}

{% macro literal(value) -%}
{%- if value is none -%}
null
{%- elif value is number -%}
{{ value }}
{%- else -%}
'{{ value | string | replace("'", "''") }}'
{%- endif -%}
{%- endmacro %}

{% macro in_list(column, values) -%}
{{ column }} in ({% for v in values %}{{ literal(v) }}{{ ", " if not loop.last }}{% endfor %})
{%- endmacro %}

{% macro pivot(column, values, agg='sum', then_value=1, else_value=0, prefix='', suffix='') -%}
{%- for value in values %}
    {{ agg }}(case when {{ column }} = {{ literal(value) }} then {{ then_value }} else {{ else_value }} end) as {{ quote_ident(prefix ~ value ~ suffix) }}
    {%- if not loop.last %},{% endif %}
{%- endfor %}
{%- endmacro %}

{% macro date_window(column, end_date, days) -%}
{{ column }} >= date {{ literal(end_date) }} - interval '{{ days }} days' and {{ column }} < date {{ literal(end_date) }} + interval '1 day'
{%- endmacro %}
