-- not_in_encoding_rows: how many staged CSV rows hold bytes that are not UTF-8 in one of the kind's fields, and the
-- first of them with those fields (for the summary; not_in_encoding_quarantine.sql keeps them all).
-- Reads: the run's staging table.
-- Parameters:
--   staging  Identifier     the run's staging table
--   fields   Array(String)  the kind's fields, in the order of the staging columns that start with a letter, but for
--                           the re-submission's quarantine_row
--   limit    UInt32         how many rows
-- Columns:
--   rows UInt64, first Array(Tuple(UInt64, Array(String)))
-- TRICKY: the encoding is told by the file's first 64 KiB; a part saved in another encoding further on (an export
-- appended to another) reaches staging as it was written. The check's normalizeUTF8NFC refuses such bytes, and with
-- them the whole file: the rows are taken out first, as the JavaScript path quarantines the cells it reads as U+FFFD.
SELECT count() AS rows, arraySlice(arraySort(r -> r.1, groupArray((_row, bad))), 1, {limit:UInt32}) AS first
FROM
(
    SELECT _row, arrayFilter((f, v) -> NOT isValidUTF8(v), {fields:Array(String)}, [COLUMNS('^[a-z]') EXCEPT (quarantine_row)]) AS bad
    FROM {staging:Identifier}
)
WHERE notEmpty(bad)
