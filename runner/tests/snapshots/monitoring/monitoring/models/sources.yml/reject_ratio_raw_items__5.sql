
-- reject_ratio of the load behind the table: max_reject_pct 5
select count(*) as row_count from "raw"."items"
