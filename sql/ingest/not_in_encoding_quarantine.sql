-- not_in_encoding_quarantine: a run's staged CSV rows holding bytes that are not UTF-8 in one of the kind's fields,
-- quarantined, one fault for each such field (see not_in_encoding_rows.sql).
-- Reads: the run's staging table. Writes: ingest_quarantine.
-- Parameters:
--   staging   Identifier     the run's staging table
--   fields    Array(String)  as in not_in_encoding_rows.sql
--   encoding  String         the file's encoding as the summary names it, without "(detected)"
--   run_id    String
--   kind      String
-- TRICKY: the row as read is kept with each byte that is not UTF-8 as U+FFFD, as the JavaScript path reads it: the
-- quarantine's readers need text, and the bytes of an unknown encoding are not the user's letters anyway.
INSERT INTO ingest_quarantine (run_id, kind, row_number, field, reason, raw, resubmits_row, quarantined_at)
SELECT {run_id:String}, {kind:String}, _row, arrayStringConcat(bad, ', '),
       arrayStringConcat(arrayMap(f -> fp_fault('not_in_encoding', [{encoding:String}]), bad), '\x1E'),
       toValidUTF8(raw), toUInt64OrZero(trimBoth(quarantine_row)), now64(3)
FROM
(
    SELECT _row,
           arrayFilter((f, v) -> NOT isValidUTF8(v), {fields:Array(String)}, [COLUMNS('^[a-z]') EXCEPT (quarantine_row)]) AS bad,
           formatRowNoNewline('JSONEachRow', COLUMNS('^[a-z]') EXCEPT (quarantine_row)) AS raw,
           quarantine_row
    FROM {staging:Identifier}
)
WHERE notEmpty(bad)
