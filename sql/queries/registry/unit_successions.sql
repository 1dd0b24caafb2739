-- unit_successions: which former units became which units in force, for looking places up by their old names.
-- Reads: unit_successions FINAL (≈ 10k rows, no rollup).
-- Parameters: none
-- Columns:
--   from_code String, from_name String, from_district String, from_province String, to_code String,
--   effective_date Date, kind String
SELECT from_code, from_name, from_district, from_province, to_code, effective_date, kind
FROM unit_successions FINAL
ORDER BY from_code, to_code
SETTINGS max_threads = 1
