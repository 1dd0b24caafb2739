-- report_submission_rows: the weekly reports behind a reporting figure, a page at a time: each province or commune that
-- had to report for a week (in force on the week's Sunday, as sql/queries/reporting/report_completeness.sql counts them),
-- with its first and last submission and whether the report came on time (first submission before the week's Monday +
-- due_days, 00:00 Vietnam time), late, or not at all.
-- Reads: units FINAL (the registry, small), weekly_report_submissions (the rollup: first and last submission per unit
-- and week; its min() survives corrections).
-- Parameters:
--   province_code  String  '' = national; else this province (its own report and its communes')
--   commune_code   String  '' = the whole province; else this commune
--   village_code   String  '' ; a village reports nothing, so no rows
--   from_week      Date    Monday of the first week
--   to_week        Date    Monday of the last week
--   due_days       UInt8   days from a week's Monday to its deadline (REPORT_DUE_DAYS_AFTER_WEEK_START)
--   unit_level     String  '' = both; province or commune
--   status         String  '' = any; on_time, late or missing
--   after_week     Date    the last row of the page before (ignored when after_code is '')
--   after_code     String  '' = the first page
--   page_size      UInt32  rows to return
-- Columns (week_start descending, then unit_code):
--   unit_code String, unit_name String, unit_level String, province_code String, week_start Date,
--   first_submitted_at Nullable(DateTime), last_submitted_at Nullable(DateTime), status String (on_time, late, missing)
WITH
    {from_week:Date} AS first_week,
    {to_week:Date} AS last_week,
    arrayMap(i -> first_week + 7 * i, range(toUInt32(intDiv(dateDiff('day', first_week, last_week), 7) + 1))) AS week_starts,
    expected AS
    (
        SELECT u.code AS unit_code, u.name AS unit_name, toString(u.level) AS unit_level, u.province_code AS province_code, week
        FROM units AS u FINAL
        ARRAY JOIN arrayFilter(w -> u.valid_from <= w + 6 AND w + 6 < u.valid_to, week_starts) AS week
        WHERE u.level IN ('province', 'commune') AND {village_code:String} = ''
          AND ({province_code:String} = '' OR u.province_code = {province_code:String})
          AND ({commune_code:String} = '' OR u.commune_code = {commune_code:String})
          AND ({unit_level:String} = '' OR toString(u.level) = {unit_level:String})
    ),
    submitted AS
    (
        SELECT s.unit_code AS unit_code, s.week_start AS week_start, min(s.first_submitted_at) AS first_at, max(s.last_submitted_at) AS last_at
        FROM weekly_report_submissions AS s
        WHERE s.unit_level IN ('province', 'commune')
          AND ({province_code:String} = '' OR s.province_code = {province_code:String})
          AND ({commune_code:String} = '' OR s.commune_code = {commune_code:String})
          AND s.week_start >= first_week AND s.week_start <= last_week
        GROUP BY s.unit_code, s.week_start
    )
SELECT
    e.unit_code AS unit_code,
    e.unit_name AS unit_name,
    e.unit_level AS unit_level,
    e.province_code AS province_code,
    e.week AS week_start,
    s.first_at AS first_submitted_at,
    s.last_at AS last_submitted_at,
    multiIf(s.first_at IS NULL, 'missing', s.first_at < toDateTime(e.week + {due_days:UInt8}, 'Asia/Ho_Chi_Minh'), 'on_time', 'late')
        AS report_status
FROM expected AS e
LEFT JOIN submitted AS s ON s.unit_code = e.unit_code AND s.week_start = e.week
WHERE ({status:String} = '' OR report_status = {status:String})
  AND ({after_code:String} = '' OR e.week < {after_week:Date} OR (e.week = {after_week:Date} AND e.unit_code > {after_code:String}))
ORDER BY e.week DESC, e.unit_code
LIMIT {page_size:UInt32}
SETTINGS join_use_nulls = 1, max_threads = 1
