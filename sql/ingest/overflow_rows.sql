-- overflow_rows: how many staged CSV rows have a cell written past the header's last column, and the first of them
-- (for the summary; overflow_quarantine.sql keeps them all).
-- Reads: the run's staging table.
-- Parameters:
--   staging  Identifier  the run's staging table (its _overN columns hold the first cells past the header)
--   limit    UInt32      how many row numbers
-- Columns:
--   rows UInt64, first Array(UInt64)
SELECT count() AS rows, arraySlice(arraySort(groupArray(_row)), 1, {limit:UInt32}) AS first
FROM {staging:Identifier}
WHERE arrayExists(x -> trimBoth(x) != '', [COLUMNS('^_over\\d+$')])
