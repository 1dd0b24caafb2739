-- dataset_origin: how many rows of each data table came from the demo generator and how many from elsewhere,
-- so that `npm run demo` never wipes real data unasked.
-- Reads: the raw tables (counts only; ingest_run_id and source are in every part's columns, cheap to scan).
-- Parameters: none
-- Columns:
--   table_name String, demo_rows UInt64, other_rows UInt64
SELECT 'officers' AS table_name, countIf(ingest_run_id = 'demo') AS demo_rows, countIf(ingest_run_id != 'demo') AS other_rows FROM officers
UNION ALL
SELECT 'weekly_reports', countIf(ingest_run_id = 'demo'), countIf(ingest_run_id != 'demo') FROM weekly_reports
UNION ALL
SELECT 'petitions', countIf(source = 'demo'), countIf(source != 'demo') FROM petitions
UNION ALL
SELECT 'opinion_posts', countIf(ingest_run_id = 'demo'), countIf(ingest_run_id != 'demo') FROM opinion_posts
UNION ALL
SELECT 'units', countIf(source = 'demo'), countIf(source NOT IN ('demo', 'official-list')) FROM units
