-- faults: the first faults of a run's checked rows, in file order, for the summary (all of them are in quarantine).
-- Reads: the run's checked table.
-- Parameters:
--   checked  Identifier  the run's checked table
--   limit    UInt32      how many rows
-- Columns:
--   _row UInt64, fault_fields Array(String), fault_details Array(String)
SELECT _row, fault_fields, fault_details
FROM {checked:Identifier}
WHERE length(fault_details) > 0
ORDER BY _row
LIMIT {limit:UInt32}
