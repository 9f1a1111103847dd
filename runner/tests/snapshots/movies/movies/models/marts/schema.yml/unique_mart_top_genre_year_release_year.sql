
select release_year as unique_field, count(*) as n_records
from "marts"."mart_top_genre_year"
where release_year is not null
group by release_year
having count(*) > 1
