-- resolved_count: how many quarantined rows a run has resolved, in its own and in earlier runs (resolve_carried.sql).
-- Reads: ingest_resolutions.
-- Parameters:
--   run_id  String  the resolving run
-- Columns:
--   rows UInt64
SELECT count() AS rows
FROM ingest_resolutions FINAL
WHERE resolved_by_run = {run_id:String}
