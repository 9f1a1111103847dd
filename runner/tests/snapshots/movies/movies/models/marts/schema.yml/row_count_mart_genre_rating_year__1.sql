
with actual as (
    select count(*) as row_count from "marts"."mart_genre_rating_year"
),

expected as (
    select null::bigint as row_count
)

select
    actual.row_count,
    expected.row_count as expected_row_count
from actual
cross join expected
where false
    or actual.row_count < 1
