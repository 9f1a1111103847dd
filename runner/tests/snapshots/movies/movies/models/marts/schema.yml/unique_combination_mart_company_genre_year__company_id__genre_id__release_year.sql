
select company_id, genre_id, release_year, count(*) as occurrences
from "marts"."mart_company_genre_year"
group by company_id, genre_id, release_year
having count(*) > 1
