-- units_in_force: the units of the given levels in force on a day, within a province (or everywhere).
-- Reads: units FINAL; the registry is small (≈ 95k rows), so no rollup.
-- Parameters:
--   as_of          Date           the day
--   levels         Array(String)  levels to return: central, province, commune, village
--   province_code  String         '' = every province
-- Columns:
--   code String, level String, name String, unit_type String, parent_code String, province_code String,
--   commune_code String, valid_from Date, valid_to Date, source String, updated_at DateTime64(3)
SELECT
    code,
    toString(level) AS level,
    name,
    unit_type,
    parent_code,
    province_code,
    commune_code,
    valid_from,
    valid_to,
    source,
    updated_at
FROM units FINAL
WHERE valid_from <= {as_of:Date}
  AND {as_of:Date} < valid_to
  AND has({levels:Array(String)}, toString(level))
  AND ({province_code:String} = '' OR province_code = {province_code:String})
ORDER BY code
SETTINGS max_threads = 1
