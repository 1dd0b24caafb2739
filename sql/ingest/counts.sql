-- counts: what a run's checked rows come to: read, with faults, duplicates, and the rest (to store).
-- Reads: the run's checked table.
-- Parameters:
--   checked  Identifier  the run's checked table
-- Columns:
--   read UInt64, quarantined UInt64, duplicates UInt64, stored UInt64
SELECT
    count() AS read,
    countIf(length(fault_details) > 0) AS quarantined,
    countIf(length(fault_details) = 0 AND duplicate = 1) AS duplicates,
    countIf(length(fault_details) = 0 AND duplicate = 0) AS stored
FROM {checked:Identifier}
