
with actual as (
    select count(*) as row_count from "staging"."stg_movies"
),

expected as (
    select count(distinct id) as row_count
    from "raw"."movies_metadata"
)

select
    actual.row_count,
    expected.row_count as expected_row_count
from actual
cross join expected
where false
    or actual.row_count <> expected.row_count
