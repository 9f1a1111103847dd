{#- A text column holding YYYY-MM-DD as a date; NULL for anything else, including
    impossible dates such as 2019-02-30 (a plain ::date cast would fail the model).
    Nested CASEs fix the evaluation order: the integer casts only run on text that
    matched the pattern, and make_date only on a valid year and month. -#}
{% macro iso_date(column) -%}
case when {{ column }} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then
    case when substr({{ column }}, 1, 4)::int >= 1 and substr({{ column }}, 6, 2)::int between 1 and 12 then
        case when substr({{ column }}, 9, 2)::int between 1 and extract(day from
                make_date(substr({{ column }}, 1, 4)::int, substr({{ column }}, 6, 2)::int, 1)
                + interval '1 month - 1 day')
            then {{ column }}::date
        end
    end
end
{%- endmacro %}
