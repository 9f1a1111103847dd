
-- reject_ratio of the load behind the table: max_reject_pct 0.1
select count(*) as row_count from "raw"."movies_metadata"
