{% macro labels(app) -%}
app.kubernetes.io/name: {{ app.name }}
app.kubernetes.io/version: {{ app.image.tag | tojson }}
{% for key, value in app.labels | dictsort -%}
{{ key }}: {{ value }}
{% endfor -%}
{%- endmacro %}

{% macro selector(app) -%}
app.kubernetes.io/name: {{ app.name }}
{%- endmacro %}
