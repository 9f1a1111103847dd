{#- Use a model's custom schema (+schema) as-is: raw, staging, core, marts.
    dbt's default would prefix it with the target schema (e.g. public_staging). -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
