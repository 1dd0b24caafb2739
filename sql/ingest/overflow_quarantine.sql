-- overflow_quarantine: a run's staged CSV rows with a cell written past the header's last column, quarantined. Such a
-- row is read wrong: a delimiter inside a cell that is not in double quotes (a comma in a name) shifts every cell after
-- it, and the engine would drop the cells past the header without a word.
-- Reads: the run's staging table (its _overN columns hold the first cells past the header). Writes: ingest_quarantine.
-- Parameters:
--   staging       Identifier  the run's staging table
--   reason        String      the reason, worded by ingest/pipeline/columns.ts (overflowMessage)
--   run_id        String
--   kind          String
-- TRICKY: the row as read is the kind's fields (the columns that start with a letter, as in quarantine.sql) and the
-- cells past the header as "extra_cells", so that the correction file shows them.
INSERT INTO ingest_quarantine (run_id, kind, row_number, field, reason, raw, quarantined_at)
SELECT {run_id:String}, {kind:String}, _row, 'row',
       {reason:String},
       concat(substring(fields, 1, length(fields) - 1), ',"extra_cells":', toJSONString(arrayStringConcat(extra, ' | ')), '}'),
       now64(3)
FROM
(
    SELECT _row,
           formatRowNoNewline('JSONEachRow', COLUMNS('^[a-z]') EXCEPT (quarantine_row)) AS fields,
           [COLUMNS('^_over\\d+$')] AS cells,
           -- Up to the last cell written: an empty cell between two written ones keeps its place.
           arraySlice(cells, 1, arrayLastIndex(x -> trimBoth(x) != '', cells)) AS extra
    FROM {staging:Identifier}
    WHERE arrayExists(x -> trimBoth(x) != '', [COLUMNS('^_over\\d+$')])
)
