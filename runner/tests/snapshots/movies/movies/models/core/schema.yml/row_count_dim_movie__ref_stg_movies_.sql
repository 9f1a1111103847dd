
with actual as (
    select count(*) as row_count from "core"."dim_movie"
),

expected as (
    select count(*) as row_count
    from "staging"."stg_movies"
)

select
    actual.row_count,
    expected.row_count as expected_row_count
from actual
cross join expected
where false
    or actual.row_count <> expected.row_count
