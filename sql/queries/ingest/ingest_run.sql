-- ingest_run: one run as recorded last (running, done, failed or interrupted), with how many of its quarantined rows
-- a re-submission has resolved since.
-- Reads: ingest_runs FINAL, ingest_resolutions FINAL (one run each).
-- Parameters:
--   run_id  String
-- Columns:
--   run_id String, kind String, file String, way_in String, encoding String, status String, read UInt64, stored UInt64,
--   duplicates UInt64, quarantined UInt64, resolved UInt64, message String, started_by String, started_at String,
--   updated_at String
SELECT
    run_id, toString(kind) AS kind, file, toString(way_in) AS way_in, toString(encoding) AS encoding, toString(status) AS status,
    read, stored, duplicates, quarantined,
    (SELECT count() FROM ingest_resolutions FINAL WHERE run_id = {run_id:String}) AS resolved,
    message, started_by, toString(started_at) AS started_at, toString(updated_at) AS updated_at
FROM ingest_runs FINAL
WHERE run_id = {run_id:String}
