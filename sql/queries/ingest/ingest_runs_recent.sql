-- ingest_runs_recent: the latest runs, newest first, of one kind or of all, each with how many of its quarantined rows
-- a re-submission has resolved since.
-- Reads: ingest_runs FINAL (small: one row per run), ingest_resolutions FINAL of those runs (by its sort key).
-- Parameters:
--   kind        String  '' = every kind
--   started_by  String  '' = whoever started them; else one user's runs
--   limit       UInt32
-- Columns:
--   run_id String, kind String, file String, way_in String, encoding String, status String, read UInt64, stored UInt64,
--   duplicates UInt64, quarantined UInt64, resolved UInt64, message String, started_by String, started_at String,
--   updated_at String
WITH latest AS (
    SELECT *
    FROM ingest_runs FINAL
    WHERE ({kind:String} = '' OR kind = {kind:String}) AND ({started_by:String} = '' OR started_by = {started_by:String})
    ORDER BY started_at DESC, run_id DESC
    LIMIT {limit:UInt32}
)
SELECT
    l.run_id AS run_id, toString(l.kind) AS kind, l.file AS file, toString(l.way_in) AS way_in, toString(l.encoding) AS encoding,
    toString(l.status) AS status, l.read AS read, l.stored AS stored, l.duplicates AS duplicates, l.quarantined AS quarantined,
    ifNull(r.resolved, 0) AS resolved,
    l.message AS message, l.started_by AS started_by, toString(l.started_at) AS started_at, toString(l.updated_at) AS updated_at
FROM latest AS l
LEFT JOIN (
    SELECT run_id, count() AS resolved
    FROM ingest_resolutions FINAL
    WHERE run_id IN (SELECT run_id FROM latest)
    GROUP BY run_id
) AS r ON r.run_id = l.run_id
ORDER BY l.started_at DESC, l.run_id DESC
SETTINGS join_use_nulls = 1
