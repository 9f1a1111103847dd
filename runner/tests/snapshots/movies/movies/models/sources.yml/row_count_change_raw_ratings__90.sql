
-- row_count_change against the last successful run: max_drop_pct 90, max_growth_pct None
select count(*) as row_count from "raw"."ratings"
