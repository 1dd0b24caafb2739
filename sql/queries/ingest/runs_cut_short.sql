-- runs_cut_short: runs still recorded as running that started before a time; at start-up, their process is dead.
-- Reads: ingest_runs FINAL (small: one row per run).
-- Parameters:
--   started_before  DateTime  seconds since 1970 (no zone to mistake)
-- Columns:
--   run_id String, kind String, file String
SELECT run_id, toString(kind) AS kind, file
FROM ingest_runs FINAL
WHERE status = 'running' AND started_at < {started_before:DateTime}
ORDER BY started_at
