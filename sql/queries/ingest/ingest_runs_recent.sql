-- ingest_runs_recent: the latest runs, newest first, of one kind or of all.
-- Reads: ingest_runs FINAL (small: one row per run).
-- Parameters:
--   kind        String  '' = every kind
--   started_by  String  '' = whoever started them; else one user's runs
--   limit       UInt32
-- Columns:
--   run_id String, kind String, file String, way_in String, encoding String, status String, read UInt64, stored UInt64,
--   duplicates UInt64, quarantined UInt64, message String, started_by String, started_at String, updated_at String
SELECT
    run_id, toString(kind) AS kind, file, toString(way_in) AS way_in, toString(encoding) AS encoding, toString(status) AS status,
    read, stored, duplicates, quarantined, message, started_by, toString(started_at) AS started_at, toString(updated_at) AS updated_at
FROM ingest_runs FINAL
WHERE ({kind:String} = '' OR kind = {kind:String}) AND ({started_by:String} = '' OR started_by = {started_by:String})
ORDER BY started_at DESC, run_id DESC
LIMIT {limit:UInt32}
