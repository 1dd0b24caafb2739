-- unit_with_ancestors: one unit in force on a day and the units above it, from itself up to central.
-- Codes carry the hierarchy (a unit row knows its commune and province), so this is one look-up and one IN.
-- Reads: units FINAL (small, no rollup).
-- Parameters:
--   code    String  the unit's code
--   as_of   Date    the day
-- Columns (the unit itself first, central last; no row at all for an unknown code):
--   code String, level String, name String, unit_type String, parent_code String, province_code String, commune_code String
WITH
    (
        SELECT tuple(code, commune_code, province_code)
        FROM units FINAL
        WHERE code = {code:String} AND valid_from <= {as_of:Date} AND {as_of:Date} < valid_to
        LIMIT 1
    ) AS me
SELECT code, toString(level) AS level, name, unit_type, parent_code, province_code, commune_code
FROM units FINAL
WHERE valid_from <= {as_of:Date} AND {as_of:Date} < valid_to
  AND me.1 != ''
  AND code IN (me.1, me.2, me.3, 'VN')
-- TRICKY: not ORDER BY level, which would sort the String alias: order by distance from the unit instead.
ORDER BY multiIf(code = me.1, 0, code = me.2, 1, code = me.3, 2, 3)
SETTINGS max_threads = 1
