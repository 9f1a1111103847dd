{% snapshot customers_ts %}
{{ config(unique_key='id', updated_at='updated_at') }}
select id, region, name, tier, updated_at from {{ source('app', 'customers') }}
{% endsnapshot %}

Text between blocks is not part of any snapshot.

{% snapshot customers_check %}
{{
    config(
      target_schema='history',
      unique_key='id',
      strategy='check',
      check_cols=['name', 'tier'],
      hard_deletes='invalidate'
    )
}}
select id, name, tier from {{ source('app', 'customers') }}
{% endsnapshot %}
