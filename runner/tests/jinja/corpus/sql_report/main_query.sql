{%- set cols = ['id', 'name', 'amount'] -%}
SELECT
{%- for c in cols %}
    {{ c }}{{ "," if not loop.last }}
{%- endfor %}
FROM {{ schema }}.{{ table }}
WHERE 1 = 1
{%- if filters %}
{%- for f in filters %}
  AND {{ f.column }} {{ f.op }} {{ f.value if f.value is number else "'" ~ f.value|replace("'", "''") ~ "'" }}
{%- endfor %}
{%- endif %}
ORDER BY {{ order_by|join(', ') }}
LIMIT {{ limit }};