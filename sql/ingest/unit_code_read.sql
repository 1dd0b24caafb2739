-- unit_code_read: how a check reads a row's unit code, put in place of its "include: unit_code_read" marker by
-- loadSqlFile (analytics/store/sql-files.ts): items of the staged rows' SELECT list, each followed by a comma.
-- Reads: the staged row as s (s.unit_code, s.unit_level). Gives: unit_raw (as written, trimmed), code_read (padded by
-- the level given, or by length), as_commune (padded as a commune), ambiguous, and code (the unit read).
-- Parameters:
--   units  Identifier  the run's table of the units in force (sql-engine.ts)
-- TRICKY: "4" with no level is province 04 or commune 00004 (a Hà Nội ward whose zeros Excel dropped): when both are
-- in force the row is refused as ambiguous (unit_code_fault.sql). Two digits are a province code as written ("25" Phú
-- Thọ, "04"), and the commune only when no province has them ("70": 00070).
trimBoth(s.unit_code) AS unit_raw,
fp_unit_code(s.unit_code, s.unit_level) AS code_read,
match(unit_raw, '^\\d{1,2}$') AND fp_key(s.unit_level) = '' AS short_code,
leftPad(unit_raw, 5, '0') AS as_commune,
short_code AND as_commune IN (SELECT code FROM {units:Identifier} WHERE level = 'commune') AS commune_fits,
commune_fits AND code_read IN (SELECT code FROM {units:Identifier} WHERE level = 'province') AS province_fits,
province_fits AND length(unit_raw) = 1 AS ambiguous,
if(commune_fits AND NOT province_fits, as_commune, code_read) AS code,
