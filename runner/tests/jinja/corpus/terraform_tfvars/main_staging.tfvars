# {{ env }} - generated, do not edit
region      = {{ region | tojson }}
environment = "{{ env }}"
vpc_cidr    = "{{ cidr }}"
azs         = {{ azs | map('regex_replace') | list if false else azs | map('string') | list | tojson }}

{% set half = (subnets | length / 2) | int -%}
public_subnets  = [{% for s in subnets[:half] %}"{{ s }}"{% if not loop.last %}, {% endif %}{% endfor %}]
private_subnets = {{ subnets[half:] | tojson }}
{% for chunk in subnets | slice(azs | length) -%}
# az {{ azs[loop.index0] }}: {{ chunk | join(' ') }}
{% endfor -%}
{%- for pair in subnets | batch(2) %}
# pair {{ loop.index }}: {{ pair | first }} -> {{ pair | last }}
{%- endfor %}

enable_nat_gateway = {{ enable_nat | lower }}
single_nat_gateway = {{ (env != 'production') | string | lower }}

instances = {
{%- for name, spec in instances | dictsort %}
  {{ name }} = {
    instance_type = "{{ spec.type }}"
    count         = {{ spec.count }}
    public_ip     = {{ spec.public | default(false) | string | lower }}
{%- if spec.spot | default(false) %}
    spot_price    = "{{ '%.4f' | format(spec.max_price) }}"
{%- endif %}
  }
{%- endfor %}
}

allowed_ssh_cidrs = {{ allowed_ssh | tojson }}
tags = {
{%- for key, value in tags | dictsort %}
  {{ '%-12s' | format(key) }} = {{ value | tojson }}
{%- endfor %}
  {{ '%-12s' | format('Environment') }} = "{{ env | capitalize }}"
}
