-- indicator_sums: the reported indicators summed over the provinces and communes under a unit (communes roll up into
-- their province, provinces and communes into the nation), per week and level and over the whole series, with the
-- number of reports and of units behind each sum. Only reports of units in force that week count (the units
-- report_completeness expects), so a sum and its coverage speak of the same units.
-- Reads: weekly_reports FINAL (the latest value of each unit, week and indicator: a correction replaces the value,
-- which a summing rollup could not follow), units FINAL (when each unit was in force).
-- Parameters:
--   from_week      Date    Monday of the first week
--   to_week        Date    Monday of the last week
--   province_code  String  '' = national; else this province
--   commune_code   String  '' = the whole province; else only this commune
--   village_code   String  '' ; a village has no reporting unit under it: no rows
-- Columns (is_total = 1: the whole series, with week_start = from_week). Two kinds of rows: per indicator, the sums;
-- with indicator '', per week and level (even one without any report), the units expected to report:
--   is_total UInt8, week_start Date, level String (province, commune), indicator String,
--   value_sum Float64 (in the indicator's own unit), reports UInt64 (unit-weeks summed), units UInt64 (distinct units),
--   expected UInt64 (on the '' rows: units in force, unit-weeks over the series; 0 on the others)
WITH
    {from_week:Date} AS first_week,
    {to_week:Date} AS last_week,
    {province_code:String} AS in_province,
    {commune_code:String} AS in_commune,
    {village_code:String} AS in_village,
    arrayMap(i -> first_week + 7 * i, range(toUInt32(intDiv(dateDiff('day', first_week, last_week), 7) + 1))) AS week_starts,
    -- The weeks each unit was in force, on the week's Sunday.
    in_force AS (
        SELECT code, toString(level) AS unit_level, arrayJoin(arrayFilter(w -> valid_from <= w + 6 AND w + 6 < valid_to, week_starts)) AS week
        FROM units FINAL
        WHERE level IN ('province', 'commune')
          AND in_village = ''
          AND (in_province = '' OR province_code = in_province)
          AND (in_commune = '' OR commune_code = in_commune)
    ),
    reports AS (
        SELECT unit_code, toString(unit_level) AS report_level, week_start AS week, toString(indicator) AS report_indicator, value
        FROM weekly_reports FINAL
        -- TRICKY: a filter before FINAL is right only on sort-key columns, which every version of a row shares; it lets
        -- FINAL merge the weeks and places asked for instead of the whole table.
        PREWHERE week_start BETWEEN first_week AND last_week
            AND (in_province = '' OR province_code = in_province)
            AND (in_commune = '' OR commune_code = in_commune)
        WHERE unit_level IN ('province', 'commune') AND in_village = ''
    )
SELECT
    t.is_total AS is_total,
    if(t.is_total = 1, first_week, t.wk) AS week_start,
    t.lvl AS level,
    t.ind AS indicator,
    sum(t.value_sum) AS value_sum,
    sum(t.reports) AS reports,
    -- A week's rows are one report per unit; the whole series has one inner row per unit.
    if(t.is_total = 1, count(), sum(t.reports)) AS units,
    toUInt64(0) AS expected
FROM (
    SELECT
        grouping(r.week) AS is_total,
        r.week AS wk,
        r.report_level AS lvl,
        r.report_indicator AS ind,
        sum(r.value) AS value_sum,
        count() AS reports
    FROM reports AS r
    WHERE (r.unit_code, r.week) IN (SELECT code, week FROM in_force)
    GROUP BY GROUPING SETS ((r.week, r.report_level, r.report_indicator), (r.report_level, r.report_indicator, r.unit_code))
) AS t
GROUP BY t.is_total, t.wk, t.lvl, t.ind
UNION ALL
SELECT
    grouping(f.week) AS is_total,
    if(is_total = 1, first_week, f.week) AS week_start,
    f.unit_level AS level,
    '' AS indicator,
    0 AS value_sum,
    toUInt64(0) AS reports,
    toUInt64(0) AS units,
    count() AS expected
FROM in_force AS f
GROUP BY GROUPING SETS ((f.week, f.unit_level), (f.unit_level))
ORDER BY is_total DESC, week_start, level, indicator
-- One thread: parallel pipelines cost more to start than they save on a few hundred thousand rows.
SETTINGS max_threads = 1
