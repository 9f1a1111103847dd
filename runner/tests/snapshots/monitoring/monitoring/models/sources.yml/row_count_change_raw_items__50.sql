
-- row_count_change against the last successful run: max_drop_pct 50, max_growth_pct None
select count(*) as row_count from "raw"."items"
