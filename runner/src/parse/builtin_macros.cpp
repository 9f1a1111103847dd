#include "parse/builtin_macros.h"

namespace mrun::parse {

const char* builtin_macros_source() {
  return R"JINJA(
{% macro generate_schema_name(custom_schema_name, node) -%}
  {%- if custom_schema_name is none -%}
    {{ target.schema }}
  {%- else -%}
    {{ target.schema }}_{{ custom_schema_name | trim }}
  {%- endif -%}
{%- endmacro %}

{% macro generate_alias_name(custom_alias_name, node) -%}
  {%- if custom_alias_name is none -%}{{ node.name }}{%- else -%}{{ custom_alias_name | trim }}{%- endif -%}
{%- endmacro %}

{% test unique(model, column_name) %}
select {{ column_name }} as unique_field, count(*) as n_records
from {{ model }}
where {{ column_name }} is not null
group by {{ column_name }}
having count(*) > 1
{% endtest %}

{% test not_null(model, column_name) %}
select {{ column_name }}
from {{ model }}
where {{ column_name }} is null
{% endtest %}

{% test accepted_values(model, column_name, values, quote=True) %}
with all_values as (
  select {{ column_name }} as value_field, count(*) as n_records
  from {{ model }}
  group by {{ column_name }}
)
select * from all_values
where value_field not in (
  {%- for value in values -%}
    {%- if quote -%}'{{ value | replace("'", "''") }}'{%- else -%}{{ value }}{%- endif -%}
    {%- if not loop.last %}, {% endif -%}
  {%- endfor -%}
)
{% endtest %}

{% test relationships(model, column_name, to, field) %}
with child as (
  select {{ column_name }} as from_field
  from {{ model }}
  where {{ column_name }} is not null
),
parent as (
  select {{ field }} as to_field
  from {{ to }}
)
select from_field
from child
left join parent on child.from_field = parent.to_field
where parent.to_field is null
{% endtest %}

{#- The row-count monitoring tests (runner/src/exec/monitoring.h): the
    query counts the rows now; mrun compares the count (or, for
    reject_ratio, the numbers of the load behind the table) with the run
    state of earlier runs. The comment shows the limits (and makes them part
    of the test's fingerprint, exec/reuse.h). -#}
{% test row_count_change(model, max_drop_pct=none, max_growth_pct=none) %}
-- row_count_change against the last successful run: max_drop_pct {{ max_drop_pct }}, max_growth_pct {{ max_growth_pct }}
select count(*) as row_count from {{ model }}
{% endtest %}

{% test volume_anomaly(model, runs=10, min_runs=3, max_deviation_pct=50) %}
-- volume_anomaly against the median of the last {{ runs }} successful runs (min_runs {{ min_runs }}): max_deviation_pct {{ max_deviation_pct }}
select count(*) as row_count from {{ model }}
{% endtest %}

{% test reject_ratio(model, max_reject_pct=none) %}
-- reject_ratio of the load behind the table: max_reject_pct {{ max_reject_pct }}
select count(*) as row_count from {{ model }}
{% endtest %}
)JINJA";
}

}  // namespace mrun::parse
