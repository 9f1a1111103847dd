{#- Fails on every combination of the listed columns that occurs more than once
    (the multi-column form of the built-in unique test). -#}
{% test unique_combination(model, columns) %}
select {{ columns | join(', ') }}, count(*) as occurrences
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
