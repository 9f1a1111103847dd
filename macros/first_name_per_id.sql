{#- One row per <entity>_id from a pairs relation (see explode_id_name_pairs),
    naming each entity deterministically: the first non-empty name in file order
    (source line of the movie, then position in its list). -#}
{% macro first_name_per_id(pairs_relation, entity) -%}
select distinct on ({{ entity }}_id)
    {{ entity }}_id,
    {{ entity }}_name
from {{ pairs_relation }}
order by {{ entity }}_id, ({{ entity }}_name is null), source_line, position
{%- endmacro %}
