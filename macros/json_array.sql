{#- A jsonb column as an array: the value itself when it is one, else an empty
    array (NULL, None, False and objects carry no list elements). -#}
{% macro json_array(column) -%}
case when jsonb_typeof({{ column }}) = 'array' then {{ column }} else '[]'::jsonb end
{%- endmacro %}
