-- villages_of_commune: the villages and residential groups a commune has listed, on a day, with their rosters.
-- Reads: units FINAL, officers FINAL (small, no rollup).
-- Parameters:
--   as_of         Date    the day
--   commune_code  String  the commune
-- Columns:
--   code String, name String, unit_type String, valid_from Date (the day it was listed),
--   officers UInt64 (village-level officers), roster_updated_at Nullable(DateTime)
SELECT
    u.code AS code,
    u.name AS name,
    u.unit_type AS unit_type,
    u.valid_from AS valid_from,
    ifNull(r.officers, 0) AS officers,
    r.updated_at AS roster_updated_at
FROM
(
    SELECT code, name, unit_type, valid_from
    FROM units FINAL
    WHERE level = 'village' AND commune_code = {commune_code:String}
      AND valid_from <= {as_of:Date} AND {as_of:Date} < valid_to
) AS u
LEFT JOIN
(
    SELECT unit_code, count() AS officers, max(updated_at) AS updated_at
    FROM officers FINAL
    WHERE commune_code = {commune_code:String} AND unit_level = 'village'
      AND is_active = 1 AND toDate(first_recorded_at) <= {as_of:Date}
    GROUP BY unit_code
) AS r ON r.unit_code = u.code
ORDER BY u.code
SETTINGS join_use_nulls = 1, max_threads = 1
