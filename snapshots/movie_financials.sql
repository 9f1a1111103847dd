{#- Movie budgets and revenues across the monthly drops: a new version when a
    drop changes either, the current one closed when a movie leaves the
    dataset. The drops carry no per-movie change time, so the check strategy
    dates each version by the run that saw it. -#}
{% snapshot movie_financials %}
{{
    config(
      unique_key='movie_id',
      strategy='check',
      check_cols=['budget', 'revenue'],
      hard_deletes='invalidate'
    )
}}
select movie_id, budget, revenue
from {{ ref('fct_movie') }}
{% endsnapshot %}
