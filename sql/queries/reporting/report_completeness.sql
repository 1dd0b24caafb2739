-- report_completeness: completeness and timeliness of the weekly reports of the provinces and communes under a unit,
-- per week and level, as DHIS2 computes reporting rates: a report is expected from each unit in force that week (on
-- its Sunday, so a unit created or closed mid-week is counted once, by the unit that holds the place when the week
-- ends); received when that unit sent one for the week; on time when its first submission came before the week's
-- Monday + due_days, 00:00 Vietnam time. Every week's rows are split by child unit, for the per-child breakdown of
-- one week and for the unit × week heat map alike.
-- Reads: units FINAL (the registry, ≈ 95k rows), weekly_report_submissions (the rollup: one row per unit and week; its
-- min() of submission times survives corrections, so a corrected report stays on time).
-- Parameters:
--   from_week      Date    Monday of the first week of the series
--   to_week        Date    Monday of its last week
--   child_week     Date    Monday of a week answered besides the series (the breakdown week; may lie outside it)
--   due_days       UInt8   days from a week's Monday to its deadline (REPORT_DUE_DAYS_AFTER_WEEK_START)
--   province_code  String  '' = national (children are provinces); else this province (children are its communes)
--   commune_code   String  '' = the whole province; else only this commune (no children)
--   village_code   String  '' ; a village has no reporting unit under it: no rows
-- Columns (a week's figures are the sum of its rows):
--   week_start Date, level String (province, commune),
--   child_code String (the child the units lie in; '' for units under no child, such as a province's own report in
--     the province, or a commune asked for itself),
--   child_name String (the child's name that week, on the child's own row, such as a province's province-level row,
--     when it was in force; '' elsewhere),
--   expected UInt64 (units in force), received UInt64 (of them, units that reported), on_time UInt64,
--   not_in_force UInt64 (reports from units under the unit that were not in force that week: outside the rates)
WITH
    {from_week:Date} AS first_week,
    {to_week:Date} AS last_week,
    {child_week:Date} AS breakdown_week,
    {province_code:String} AS in_province,
    {commune_code:String} AS in_commune,
    {village_code:String} AS in_village,
    if(in_province = '', 'province', 'commune') AS child_level,
    arrayDistinct(arrayPushBack(
        arrayMap(i -> first_week + 7 * i, range(toUInt32(intDiv(dateDiff('day', first_week, last_week), 7) + 1))),
        breakdown_week)) AS week_starts,
    reporters AS (
        SELECT
            code,
            toString(level) AS unit_level,
            name,
            multiIf(in_province = '', province_code, in_commune = '', commune_code, '') AS child_key,
            valid_from,
            valid_to
        FROM units FINAL
        WHERE level IN ('province', 'commune')
          AND in_village = ''
          AND (in_province = '' OR province_code = in_province)
          AND (in_commune = '' OR commune_code = in_commune)
    ),
    -- Units with the same validity are counted together first, then spread over the weeks they were in force.
    expected AS (
        SELECT
            week,
            g.unit_level AS lvl,
            g.child_key AS child,
            max(g.own_name) AS child_name,
            sum(g.units) AS expected
        FROM (
            SELECT unit_level, child_key, valid_from, valid_to, count() AS units, anyIf(name, unit_level = child_level) AS own_name
            FROM reporters
            GROUP BY unit_level, child_key, valid_from, valid_to
        ) AS g
        ARRAY JOIN arrayFilter(w -> g.valid_from <= w + 6 AND w + 6 < g.valid_to, week_starts) AS week
        GROUP BY week, lvl, child
    ),
    submitted AS (
        SELECT
            unit_code,
            week_start AS week,
            any(toString(unit_level)) AS report_level,
            any(province_code) AS report_province,
            any(commune_code) AS report_commune,
            min(first_submitted_at) AS first_at
        FROM weekly_report_submissions
        WHERE unit_level IN ('province', 'commune')
          AND in_village = ''
          AND (in_province = '' OR province_code = in_province)
          AND (in_commune = '' OR commune_code = in_commune)
          AND has(week_starts, week_start)
        GROUP BY unit_code, week_start
    ),
    -- Each report against its unit's validity periods (a code has several when it was renamed).
    received AS (
        SELECT
            s.week AS week,
            s.report_level AS lvl,
            multiIf(in_province = '', s.report_province, in_commune = '', s.report_commune, '') AS child,
            arrayExists(p -> p.1 <= s.week + 6 AND s.week + 6 < p.2, u.spans) AS in_force,
            in_force AND s.first_at < toDateTime(s.week + {due_days:UInt8}, 'Asia/Ho_Chi_Minh') AS on_time
        FROM submitted AS s
        LEFT JOIN (SELECT code, groupArray((valid_from, valid_to)) AS spans FROM reporters GROUP BY code) AS u ON u.code = s.unit_code
    ),
    received_counts AS (
        SELECT week, lvl, child, countIf(in_force) AS received, countIf(on_time) AS on_time, countIf(NOT in_force) AS not_in_force
        FROM received
        GROUP BY week, lvl, child
    )
SELECT
    ifNull(e.week, r.week) AS week_start,
    ifNull(e.lvl, r.lvl) AS level,
    ifNull(e.child, r.child) AS child_code,
    ifNull(e.child_name, '') AS child_name,
    ifNull(e.expected, 0) AS expected,
    ifNull(r.received, 0) AS received,
    ifNull(r.on_time, 0) AS on_time,
    ifNull(r.not_in_force, 0) AS not_in_force
FROM expected AS e
FULL OUTER JOIN received_counts AS r ON r.week = e.week AND r.lvl = e.lvl AND r.child = e.child
ORDER BY week_start, child_code, level
-- One thread: a few thousand units and reports a week; parallel pipelines cost more to start than they save.
SETTINGS join_use_nulls = 1, max_threads = 1
