-- quarantine: a run's checked rows that have faults, kept with their row, fields, faults (codes and values, worded by
-- ingest/faults.ts) and the row as read.
-- Reads: the run's checked table; its staging table (the row as read, only for rows with faults). Writes: ingest_quarantine.
-- Parameters:
--   staging     Identifier  the run's staging table (_row, the kind's fields, quarantine_row, _skipN for unmapped columns)
--   checked     Identifier  the run's checked table
--   slice_from  UInt16    the first slice the checked table holds (only its range is read from staging)
--   slice_to    UInt16    the last
--   run_id      String
--   kind        String
-- TRICKY: the row as read is a JSON object of the kind's fields in file-column order, built here from the staging
-- table for the few faulty rows rather than by the check for every row (measured: 1.4 s of CPU per million rows).
-- The kind's fields are the staging columns that start with a letter, but for the re-submission's quarantine_row: the
-- row a corrected row had in the run it corrects, kept apart as resubmits_row (resolve_carried.sql).
INSERT INTO ingest_quarantine (run_id, kind, row_number, field, reason, raw, resubmits_row, quarantined_at)
SELECT {run_id:String}, {kind:String}, c._row, arrayStringConcat(arrayDistinct(c.fault_fields), ', '), arrayStringConcat(c.fault_details, '\x1E'),
       s.raw, s.resubmits_row, now64(3)
FROM {checked:Identifier} AS c
INNER JOIN
(
    SELECT _row, formatRowNoNewline('JSONEachRow', COLUMNS('^[a-z]') EXCEPT (quarantine_row)) AS raw,
           toUInt64OrZero(trimBoth(quarantine_row)) AS resubmits_row
    FROM {staging:Identifier}
    WHERE _slice BETWEEN {slice_from:UInt16} AND {slice_to:UInt16}
      AND _row IN (SELECT _row FROM {checked:Identifier} WHERE length(fault_details) > 0)
) AS s ON s._row = c._row
WHERE length(c.fault_details) > 0
