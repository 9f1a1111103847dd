{#- Checks a relation's row count: at least min_value, at most max_value, and/or
    equal to the row count of another relation (equal_to: ref(..) or source(..)),
    or to its number of distinct values of equal_to_distinct when given.
    Returns one row (the counts) when a check fails, none otherwise. -#}
{% test row_count(model, min_value=none, max_value=none, equal_to=none, equal_to_distinct=none) %}
with actual as (
    select count(*) as row_count from {{ model }}
),

expected as (
    {%- if equal_to is not none %}
    select count({{ 'distinct ' ~ equal_to_distinct if equal_to_distinct is not none else '*' }}) as row_count
    from {{ equal_to }}
    {%- else %}
    select null::bigint as row_count
    {%- endif %}
)

select
    actual.row_count,
    expected.row_count as expected_row_count
from actual
cross join expected
where false
    {%- if min_value is not none %}
    or actual.row_count < {{ min_value }}
    {%- endif %}
    {%- if max_value is not none %}
    or actual.row_count > {{ max_value }}
    {%- endif %}
    {%- if equal_to is not none %}
    or actual.row_count <> expected.row_count
    {%- endif %}
{% endtest %}
