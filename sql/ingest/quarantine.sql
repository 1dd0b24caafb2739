-- quarantine: a run's checked rows that have faults, kept with their row, fields, reasons and the row as read.
-- Reads: the run's checked table. Writes: ingest_quarantine.
-- Parameters:
--   checked  Identifier  the run's checked table
--   run_id   String
--   kind     String
INSERT INTO ingest_quarantine (run_id, kind, row_number, field, reason, raw, quarantined_at)
SELECT {run_id:String}, {kind:String}, _row, arrayStringConcat(arrayDistinct(fault_fields), ', '), arrayStringConcat(fault_messages, '; '), raw, now64(3)
FROM {checked:Identifier}
WHERE length(fault_messages) > 0
