-- mark_interrupted: runs still recorded as running that started before a time were cut short (their process died: a
-- SIGKILL, a power cut); they are recorded as interrupted. The server does this when it starts.
-- Reads and writes: ingest_runs (a newer version of each such run's row).
-- Parameters:
--   started_before  DateTime64(3)  Vietnam time
INSERT INTO ingest_runs (run_id, kind, file, way_in, encoding, status, read, stored, duplicates, quarantined, message, started_by, started_at, updated_at)
SELECT run_id, kind, file, way_in, encoding, 'interrupted', read, stored, duplicates, quarantined,
       'the process stopped before the run ended: load the file again; what this run stored is not stored twice',
       started_by, started_at, now64(3)
FROM ingest_runs FINAL
WHERE status = 'running' AND started_at < {started_before:DateTime64(3, 'Asia/Ho_Chi_Minh')}
