-- unit_names: the names of a few units in force on a day, for the codes a page of drill-through rows shows.
-- Reads: units FINAL (the registry, small), by code.
-- Parameters:
--   codes  Array(String)  the codes, at most a page's worth
--   as_of  Date           the day
-- Columns:
--   code String, name String, level String
SELECT code, name, toString(level) AS level
FROM units FINAL
WHERE code IN {codes:Array(String)} AND valid_from <= {as_of:Date} AND {as_of:Date} < valid_to
SETTINGS max_threads = 1
