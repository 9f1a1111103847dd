
-- row_count_change against the last successful run: max_drop_pct 10, max_growth_pct 50
select count(*) as row_count from "raw"."movies_metadata"
