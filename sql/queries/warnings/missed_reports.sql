-- missed_reports: the provinces and communes of a subtree that have sent no weekly report for the latest weeks due,
-- with the last week they reported: the "missed weekly reports" warnings.
-- Reads: units FINAL (who must report: provinces and communes in force on the day), weekly_report_submissions (the
-- rollup, one row per unit and week reported with its first submission) for the latest week each unit reported.
-- Parameters:
--   as_of          Date    the day; a report submitted after it does not count
--   last_due_week  Date    Monday of the latest week whose report was due by the day
--   min_weeks      UInt8   units that missed fewer of the latest weeks in a row are left out
--   province_code  String  '' = national; else this province (itself and its communes)
--   commune_code   String  '' = the whole province; else only this commune
-- Columns (most weeks missed first, never reported before all):
--   unit_code String, unit_name String, unit_level String (province or commune), province_code String,
--   last_week Nullable(Date) (Monday of the latest week reported; NULL = never), weeks_missed UInt32 (latest due weeks
--   in a row without a report; 0 when never reported: see last_week)
WITH
    {as_of:Date} AS day,
    {last_due_week:Date} AS due_week,
    {province_code:String} AS in_province,
    {commune_code:String} AS in_commune,
    reporters AS (
        SELECT u.code AS code, any(u.name) AS name, toString(any(u.level)) AS level, any(u.province_code) AS province_code
        FROM units AS u FINAL
        WHERE u.level IN ('province', 'commune')
          AND u.valid_from <= day AND day < u.valid_to
          AND (in_province = '' OR u.province_code = in_province)
          AND (in_commune = '' OR u.commune_code = in_commune)
        GROUP BY u.code
    ),
    reported AS (
        SELECT s.unit_code AS unit_code, max(s.week_start) AS last_week
        FROM weekly_report_submissions AS s
        WHERE s.week_start <= due_week
          AND toDate(s.first_submitted_at) <= day
          AND (in_province = '' OR s.province_code = in_province)
          AND (in_commune = '' OR s.commune_code = in_commune)
        GROUP BY s.unit_code
    )
SELECT
    r.code AS unit_code,
    r.name AS unit_name,
    r.level AS unit_level,
    r.province_code AS province_code,
    p.last_week AS last_week,
    toUInt32(ifNull(intDiv(dateDiff('day', p.last_week, due_week), 7), 0)) AS weeks_missed
FROM reporters AS r
LEFT JOIN reported AS p ON p.unit_code = r.code
WHERE p.last_week IS NULL OR weeks_missed >= {min_weeks:UInt8}
ORDER BY p.last_week IS NULL DESC, weeks_missed DESC, unit_code
SETTINGS join_use_nulls = 1, max_threads = 1
