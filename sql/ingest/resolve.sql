-- resolve: rows of a re-submission that carried the row number they had in a quarantined run, and are now stored or
-- found stored: their quarantine is resolved (rows the original run did not quarantine are left alone).
-- Reads: the run's staging and checked tables. Writes: ingest_resolutions.
-- Parameters:
--   staging       Identifier  the run's staging table (with its quarantine_row column)
--   checked       Identifier  the run's checked table
--   original_run  String      the run the rows were quarantined in
--   run_id        String      this run
INSERT INTO ingest_resolutions (run_id, row_number, resolved_by_run, resolved_at)
SELECT {original_run:String}, toUInt64OrZero(s.quarantine_row), {run_id:String}, now64(3)
FROM {staging:Identifier} AS s
INNER JOIN {checked:Identifier} AS c ON c._row = s._row
WHERE length(c.fault_details) = 0 AND toUInt64OrZero(s.quarantine_row) > 0
  -- Only rows the original run quarantined: a number typed wrong, or a file corrected for another run, resolves nothing.
  AND toUInt64OrZero(s.quarantine_row) IN (SELECT row_number FROM ingest_quarantine WHERE run_id = {original_run:String})
