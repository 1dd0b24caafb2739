-- overflow_drop: the staged CSV rows quarantined by overflow_quarantine.sql taken out of staging, before the check.
-- Writes: the run's staging table (a lightweight delete: the rows are masked, the check never reads them).
-- Parameters:
--   staging  Identifier  the run's staging table
-- TRICKY: the rows are named by a subquery, where the _over columns have a table to be matched in; a DELETE's own
-- condition cannot take the COLUMNS matcher.
DELETE FROM {staging:Identifier}
WHERE _row IN
(
    SELECT _row
    FROM {staging:Identifier}
    WHERE arrayExists(x -> trimBoth(x) != '', [COLUMNS('^_over\\d+$')])
)
