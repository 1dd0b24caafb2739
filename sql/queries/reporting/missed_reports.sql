-- missed_reports: the provinces and communes under a unit that sent no report for any of the last `weeks` weeks up to
-- last_week, among those in force in every one of those weeks, as the situation stood at the end of as_of (reports
-- first submitted later do not count), each with the last week it reported on by then.
-- Reads: units FINAL (the registry: validity and names), weekly_report_submissions (the rollup: first submission per
-- unit and week).
-- Parameters:
--   last_week      Date    Monday of the latest week looked at
--   weeks          UInt16  how many weeks, up to last_week, must all lack a report
--   as_of          Date    reports first submitted after the end of this day are not yet there
--   province_code  String  '' = national; else this province
--   commune_code   String  '' = the whole province; else only this commune
--   village_code   String  '' ; a village has no reporting unit under it: no rows
-- Columns (those that never reported first, then by their last report, oldest first):
--   code String, level String (province, commune), name String, province_code String, commune_code String,
--   last_report_week Nullable(Date) (Monday of the last week reported on, up to last_week), last_submitted_at
--   Nullable(DateTime) (first submission of that report, Vietnam time)
WITH
    {last_week:Date} AS latest_week,
    {weeks:UInt16} AS week_count,
    latest_week - 7 * (week_count - 1) AS earliest_week,
    arrayMap(i -> earliest_week + 7 * i, range(week_count)) AS week_starts,
    toDateTime({as_of:Date} + 1, 'Asia/Ho_Chi_Minh') AS cutoff,
    {province_code:String} AS in_province,
    {commune_code:String} AS in_commune,
    {village_code:String} AS in_village,
    -- Units in force on the Sunday of every week looked at (a code may hold several validity periods).
    reporters AS (
        SELECT
            code,
            toString(level) AS unit_level,
            argMax(name, valid_from) AS unit_name,
            province_code,
            commune_code
        FROM units FINAL
        WHERE level IN ('province', 'commune')
          AND in_village = ''
          AND (in_province = '' OR province_code = in_province)
          AND (in_commune = '' OR commune_code = in_commune)
        GROUP BY code, level, province_code, commune_code
        HAVING sum(length(arrayFilter(w -> valid_from <= w + 6 AND w + 6 < valid_to, week_starts))) = week_count
    ),
    reported AS (
        SELECT unit_code, max(week) AS latest_report_week, argMax(first_at, week) AS latest_first_at
        FROM (
            -- TRICKY: the rollup may hold a unit's week in several unmerged rows; the week's first submission is their min.
            SELECT unit_code, week_start AS week, min(first_submitted_at) AS first_at
            FROM weekly_report_submissions
            WHERE unit_level IN ('province', 'commune')
              AND in_village = ''
              AND (in_province = '' OR province_code = in_province)
              AND (in_commune = '' OR commune_code = in_commune)
              AND week_start <= latest_week
              AND first_submitted_at < cutoff
            GROUP BY unit_code, week_start
        )
        GROUP BY unit_code
    )
SELECT
    p.code AS code,
    p.unit_level AS level,
    p.unit_name AS name,
    p.province_code AS province_code,
    p.commune_code AS commune_code,
    r.latest_report_week AS last_report_week,
    r.latest_first_at AS last_submitted_at
FROM reporters AS p
LEFT JOIN reported AS r ON r.unit_code = p.code
WHERE r.unit_code IS NULL OR r.latest_report_week < earliest_week
ORDER BY last_report_week ASC NULLS FIRST, code
SETTINGS join_use_nulls = 1, max_threads = 1
