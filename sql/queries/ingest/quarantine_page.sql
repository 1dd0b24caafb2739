-- quarantine_page: a run's quarantined rows in file order, a page at a time, each with the run that resolved it (a
-- re-submission that stored the corrected row), if any, and else the last re-submission that read it again and
-- quarantined it again (its row there), if any: where the row is to be corrected now.
-- Reads: ingest_quarantine (one run: its sort key prefix; and the runs that correct it), ingest_resolutions FINAL (one
-- run), ingest_runs FINAL (the runs that correct it).
-- Parameters:
--   run_id      String
--   after_row   UInt64  the last row of the previous page (0 for the first)
--   page_size   UInt32
-- Columns:
--   row_number UInt64, field String, reason String (the faults as codes and values: ingest/faults.ts words them), raw String,
--   resolved_by_run String, resent_in_run String ('' when none), resent_as_row UInt64 (0 when none)
SELECT q.row_number AS row_number, q.field AS field, q.reason AS reason, q.raw AS raw, ifNull(r.resolved_by_run, '') AS resolved_by_run,
       if(resolved_by_run = '', ifNull(c.resent_in_run, ''), '') AS resent_in_run,
       if(resolved_by_run = '', ifNull(c.resent_as_row, 0), 0) AS resent_as_row
FROM ingest_quarantine AS q
LEFT JOIN (SELECT row_number, resolved_by_run FROM ingest_resolutions FINAL WHERE run_id = {run_id:String}) AS r
    ON r.row_number = q.row_number
LEFT JOIN
(
    -- Rows of the runs that correct this one, quarantined again: each stands for a row of this run (resubmits_row).
    SELECT resubmits_row AS original_row,
           argMax(run_id, (quarantined_at, run_id)) AS resent_in_run,
           argMax(row_number, (quarantined_at, run_id)) AS resent_as_row
    FROM ingest_quarantine
    WHERE run_id IN (SELECT run_id FROM ingest_runs FINAL WHERE resubmit_of = {run_id:String}) AND resubmits_row > 0
    GROUP BY resubmits_row
) AS c ON c.original_row = q.row_number
WHERE q.run_id = {run_id:String} AND q.row_number > {after_row:UInt64}
ORDER BY q.row_number
LIMIT {page_size:UInt32}
SETTINGS join_use_nulls = 1
