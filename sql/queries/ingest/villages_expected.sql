-- villages_expected: how many villages each commune expects, as in force on a day (the latest declaration).
-- Reads: unit_targets FINAL.
-- Parameters:
--   as_of  Date
-- Columns:
--   unit_code String, value UInt32
SELECT unit_code, argMax(value, valid_from) AS value
FROM unit_targets FINAL
WHERE indicator = 'villages_expected' AND valid_from <= {as_of:Date}
GROUP BY unit_code
