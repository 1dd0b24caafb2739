-- quarantined_drop: the staged rows a run has quarantined already (rows read wrong, found before the check:
-- overflow_quarantine.sql, not_in_encoding_quarantine.sql) taken out of staging, so that the check never reads them.
-- Reads: ingest_quarantine. Writes: the run's staging table (a lightweight delete: the rows are masked).
-- Parameters:
--   staging  Identifier  the run's staging table
--   run_id   String
DELETE FROM {staging:Identifier}
WHERE _row IN (SELECT row_number FROM ingest_quarantine WHERE run_id = {run_id:String})
