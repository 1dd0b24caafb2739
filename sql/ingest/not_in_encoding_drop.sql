-- not_in_encoding_drop: the staged CSV rows quarantined by not_in_encoding_quarantine.sql taken out of staging, before
-- the check.
-- Writes: the run's staging table (a lightweight delete: the rows are masked, the check never reads them).
-- Parameters:
--   staging  Identifier  the run's staging table
-- TRICKY: the rows are named by a subquery, where the columns have a table to be matched in (as in overflow_drop.sql).
DELETE FROM {staging:Identifier}
WHERE _row IN
(
    SELECT _row
    FROM {staging:Identifier}
    WHERE arrayExists(v -> NOT isValidUTF8(v), [COLUMNS('^[a-z]') EXCEPT (quarantine_row)])
)
