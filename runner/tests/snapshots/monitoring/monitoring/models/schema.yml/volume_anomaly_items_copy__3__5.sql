
-- volume_anomaly against the median of the last 5 successful runs (min_runs 3): max_deviation_pct 50
select count(*) as row_count from "public"."items_copy"
