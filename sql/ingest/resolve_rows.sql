-- resolve_rows: rows of a re-submission checked in JavaScript, stored or found stored, that carried the row number
-- they had in a quarantined run: their quarantine is resolved. Rows the original run did not quarantine (a number
-- typed wrong, a file corrected for another run) are left alone.
-- Reads: ingest_quarantine (the original run). Writes: ingest_resolutions.
-- Parameters:
--   original_run  String         the run the rows were quarantined in
--   rows          Array(UInt64)  their row numbers there
--   run_id        String         this run
INSERT INTO ingest_resolutions (run_id, row_number, resolved_by_run, resolved_at)
SELECT DISTINCT {original_run:String}, row_number, {run_id:String}, now64(3)
FROM ingest_quarantine
WHERE run_id = {original_run:String} AND row_number IN {rows:Array(UInt64)}
