{#- Fails on every row whose column is below zero (NULL passes: unknown is allowed). -#}
{% test non_negative(model, column_name) %}
select {{ column_name }}
from {{ model }}
where {{ column_name }} < 0
{% endtest %}
