-- stale_rosters: the rosters of a subtree not updated for more than a number of weeks before a day: units with active
-- officers whose latest officer change is older, oldest first, with a total row counting the rosters checked.
-- Reads: officers FINAL (the current version of each officer, active or not: a removal is a change too), units FINAL
-- (names of the units in force). Small, no rollup.
-- TRICKY: FINAL keeps only each officer's latest version; when that version is after the day, the change before it is
-- gone, and the day the officer was first recorded stands in for it (the latest the roster is known to have changed).
-- Parameters:
--   as_of          Date    the day ("now")
--   weeks          UInt32  stale when the latest change is more than this many weeks (× 7 days) before the day
--   province_code  String  '' = national; else this province (its own roster and its communes' and villages')
--   commune_code   String  '' = the whole province; else this commune and its villages
--   village_code   String  '' = the whole commune; else this village's roster only
-- Columns (the total first: is_total = 1, code = ''):
--   is_total UInt8, code String, name String, level String ('province', 'commune' or 'village'), province_code String,
--   rosters UInt64 (units with an active officer), stale UInt64 (of them, not updated for the weeks asked),
--   officers UInt64 (active officers), updated_at Nullable(DateTime) (latest change, Vietnam time),
--   days_since Nullable(Int64) (days from that change's day to the day asked; NULL on the total)
WITH
    {as_of:Date} AS day,
    {weeks:UInt32} AS stale_weeks,
    {province_code:String} AS in_province,
    {commune_code:String} AS in_commune,
    {village_code:String} AS in_village,
    subtractDays(day, 7 * stale_weeks) AS last_fresh_day,
    rosters (code, level, province_code, officers, updated_at) AS (
        SELECT
            o.unit_code,
            toString(any(o.unit_level)),
            any(o.province_code),
            countIf(o.is_active = 1),
            max(if(toDate(o.updated_at) <= day, o.updated_at, o.first_recorded_at))
        FROM officers AS o FINAL
        WHERE toDate(o.first_recorded_at) <= day
          AND (in_province = '' OR o.province_code = in_province)
          AND (in_commune = '' OR o.commune_code = in_commune)
          AND (in_village = '' OR o.unit_code = in_village)
        GROUP BY o.unit_code
        HAVING countIf(o.is_active = 1) > 0
    ),
    names (code, name) AS (
        SELECT u.code, u.name
        FROM units AS u FINAL
        WHERE u.level != 'central' AND u.valid_from <= day AND day < u.valid_to
          AND (in_province = '' OR u.province_code = in_province)
          AND (in_commune = '' OR u.commune_code = in_commune)
          AND (in_village = '' OR u.code = in_village)
    ),
    checked (code, name, level, province_code, officers, updated_at, stale) AS (
        SELECT r.code, ifNull(n.name, ''), r.level, r.province_code, r.officers, r.updated_at,
               toDate(r.updated_at) < last_fresh_day
        FROM rosters AS r
        LEFT JOIN names AS n ON n.code = r.code
    )
SELECT
    grouping(c.code) AS is_total,
    ifNull(c.code, '') AS code,
    if(is_total = 1, '', any(c.name)) AS name,
    if(is_total = 1, '', any(c.level)) AS level,
    if(is_total = 1, '', any(c.province_code)) AS province_code,
    count() AS rosters,
    countIf(c.stale) AS stale,
    sum(c.officers) AS officers,
    if(is_total = 1, NULL, max(c.updated_at)) AS updated_at,
    if(is_total = 1, NULL, dateDiff('day', toDate(max(c.updated_at)), day)) AS days_since
FROM checked AS c
GROUP BY GROUPING SETS ((c.code), ())
HAVING is_total = 1 OR stale > 0
ORDER BY is_total DESC, updated_at, code
SETTINGS group_by_use_nulls = 1, join_use_nulls = 1, max_threads = 1
