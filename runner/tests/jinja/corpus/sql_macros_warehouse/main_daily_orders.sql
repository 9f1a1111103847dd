{%- import 'macros.sql' as sql -%}
-- daily order metrics for {{ run_date }}{% if not full_refresh %} (last {{ lookback_days }} days){% endif %}

create table if not exists {{ sql.quote_ident(schema) }}.{{ sql.quote_ident('daily_orders') }} as
select
    order_date,
{%- for dim in dimensions %}
    {{ dim }},
{%- endfor %}
{%- for metric in metrics %}
    {% if metric.round is defined %}round({{ metric.expr }}, {{ metric.round }}){% else %}{{ metric.expr }}{% endif %} as {{ metric.name }},
{%- endfor %}
{{- sql.pivot('status', statuses, prefix='n_') }}
from {{ source_table }}
where {{ sql.in_list('status', statuses) }}
{%- if not full_refresh %}
  and {{ sql.date_window('order_date', run_date, lookback_days) }}
{%- endif %}
group by {{ range(1, dimensions | length + 2) | join(', ') }}
order by 1{% for d in dimensions %}, {{ loop.index + 1 }}{% endfor %};
