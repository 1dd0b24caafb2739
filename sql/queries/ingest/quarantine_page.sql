-- quarantine_page: a run's quarantined rows in file order, a page at a time, each with the run that resolved it (a
-- re-submission that stored the corrected row), if any.
-- Reads: ingest_quarantine (one run: its sort key prefix), ingest_resolutions FINAL (one run).
-- Parameters:
--   run_id      String
--   after_row   UInt64  the last row of the previous page (0 for the first)
--   page_size   UInt32
-- Columns:
--   row_number UInt64, field String, reason String (the faults as codes and values: ingest/faults.ts words them), raw String,
--   resolved_by_run String
SELECT q.row_number AS row_number, q.field AS field, q.reason AS reason, q.raw AS raw, ifNull(r.resolved_by_run, '') AS resolved_by_run
FROM ingest_quarantine AS q
LEFT JOIN (SELECT row_number, resolved_by_run FROM ingest_resolutions FINAL WHERE run_id = {run_id:String}) AS r
    ON r.row_number = q.row_number
WHERE q.run_id = {run_id:String} AND q.row_number > {after_row:UInt64}
ORDER BY q.row_number
LIMIT {page_size:UInt32}
SETTINGS join_use_nulls = 1
