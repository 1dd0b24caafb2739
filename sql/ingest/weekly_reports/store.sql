-- weekly_reports/store: the new or changed values of a run's checked weekly-report rows that have no fault, one row per
-- indicator, into weekly_reports. A changed value replaces the stored one (ReplacingMergeTree by submitted_at).
-- Reads: the run's checked table. Writes: weekly_reports (and through its view, weekly_report_submissions).
-- Parameters:
--   checked  Identifier  the run's checked table
--   run_id   String      the run, recorded with each row
INSERT INTO weekly_reports (unit_code, unit_level, province_code, commune_code, week_start, indicator, value, submitted_at, ingest_run_id)
SELECT c.unit_code, c.unit_level, c.province_code, c.commune_code, c.week_start, pair.1, pair.2, c.submitted_at, {run_id:String}
FROM {checked:Identifier} AS c
ARRAY JOIN arrayZip(c.indicators, c.values) AS pair
WHERE length(c.fault_details) = 0 AND c.duplicate = 0
-- Written in blocks of at most 256k rows or 64 MiB, as they come, not gathered up to a million rows and sorted at once
-- (measured: the peak memory of a million roster rows' run was in this step).
SETTINGS max_block_size = 65536, min_insert_block_size_rows = 262144, min_insert_block_size_bytes = 67108864
