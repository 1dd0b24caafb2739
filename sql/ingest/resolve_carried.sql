-- resolve_carried: rows this run resolved that were re-submitted rows of an earlier run, quarantined again: the row they
-- stood for in the run they corrected is resolved by this run too. Each statement goes one run back along the chain;
-- ingest.ts repeats it until it adds nothing. A row resolved already (by any run) keeps its resolution.
-- Reads: ingest_resolutions, ingest_quarantine, ingest_runs. Writes: ingest_resolutions.
-- Parameters:
--   run_id  String  this run
-- TRICKY: every read is cut to the runs on the chain (the quarantine and the runs are sorted by run): the runs whose
-- rows this run resolved, and the runs those corrected.
WITH
    resolved AS (SELECT run_id, row_number FROM ingest_resolutions FINAL WHERE resolved_by_run = {run_id:String}),
    chain AS (SELECT run_id, resubmit_of FROM ingest_runs FINAL WHERE run_id IN (SELECT run_id FROM resolved) AND resubmit_of != '')
INSERT INTO ingest_resolutions (run_id, row_number, resolved_by_run, resolved_at)
SELECT DISTINCT r.resubmit_of, q.resubmits_row, {run_id:String}, now64(3)
FROM ingest_quarantine AS q
INNER JOIN chain AS r ON r.run_id = q.run_id
WHERE q.run_id IN (SELECT run_id FROM chain)
  AND q.resubmits_row > 0
  AND (q.run_id, q.row_number) IN (SELECT run_id, row_number FROM resolved)
  -- Only a row the earlier run quarantined: a number typed wrong resolves nothing.
  AND (r.resubmit_of, q.resubmits_row) IN (SELECT run_id, row_number FROM ingest_quarantine WHERE run_id IN (SELECT resubmit_of FROM chain))
  AND (r.resubmit_of, q.resubmits_row) NOT IN (SELECT run_id, row_number FROM ingest_resolutions FINAL
                                               WHERE run_id IN (SELECT resubmit_of FROM chain))
