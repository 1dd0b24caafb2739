-- officers_by_group: active officers of a subtree on a day, in total and by level, organisation, position, gender and
-- age band. Counts only: no personal column is read.
-- Reads: officers FINAL (the current version of each officer), scanned once. No rollup: rosters are re-sent whole and
-- rewrite their rows, which a rollup fed by inserts could not follow; ≈ 280k rows on the demo.
-- An officer counts from the day first recorded, while active; age is the year of the day minus the birth year.
-- Parameters:
--   as_of          Date    the day
--   province_code  String  '' = national; else this province
--   commune_code   String  '' = the whole province (its own roster included); else this commune and its villages
--   village_code   String  '' = the whole commune; else this village's roster only
--   unit_level     String  '' = every level; else only officers of 'province', 'commune' or 'village' rosters
-- Columns (the total first):
--   dimension String ('total', 'level', 'organisation', 'position', 'gender', 'age_band'), value String (the code;
--   '' for the total; age bands 'under_30', '30_39', '40_49', '50_59', '60_plus', 'unknown'), officers UInt64,
--   female UInt64 (of them, women)
WITH
    {as_of:Date} AS day,
    {province_code:String} AS in_province,
    {commune_code:String} AS in_commune,
    {village_code:String} AS in_village,
    {unit_level:String} AS at_level,
    toYear(day) AS year,
    officer_groups (lvl, org, pos, sex, band) AS (
        SELECT
            toString(o.unit_level),
            toString(o.organisation),
            toString(o.position),
            toString(o.gender),
            -- 0 is "unknown"; a birth year after the day is a typing error, unknown too.
            multiIf(o.birth_year = 0 OR o.birth_year > year, 'unknown',
                    year - o.birth_year < 30, 'under_30',
                    year - o.birth_year < 40, '30_39',
                    year - o.birth_year < 50, '40_49',
                    year - o.birth_year < 60, '50_59',
                    '60_plus')
        FROM officers AS o FINAL
        WHERE o.is_active = 1 AND toDate(o.first_recorded_at) <= day
          AND (in_province = '' OR o.province_code = in_province)
          AND (in_commune = '' OR o.commune_code = in_commune)
          AND (in_village = '' OR o.unit_code = in_village)
          AND (at_level = '' OR toString(o.unit_level) = at_level)
    )
-- TRICKY: grouping(x) is 1 when x is NOT a key of the row's grouping set (the SQL standard's way, which chDB follows).
SELECT
    multiIf(grouping(g.lvl) = 0, 'level', grouping(g.org) = 0, 'organisation', grouping(g.pos) = 0, 'position',
            grouping(g.sex) = 0, 'gender', grouping(g.band) = 0, 'age_band', 'total') AS dimension,
    ifNull(coalesce(g.lvl, g.org, g.pos, g.sex, g.band), '') AS value,
    count() AS officers,
    countIf(g.sex = 'female') AS female
FROM officer_groups AS g
GROUP BY GROUPING SETS ((), (g.lvl), (g.org), (g.pos), (g.sex), (g.band))
ORDER BY dimension = 'total' DESC, dimension, officers DESC, value
SETTINGS group_by_use_nulls = 1, max_threads = 1
