-- coverage_trend: rollout of a subtree week by week over a period, each figure cumulative as of the week's end
-- (the last week ends on the period's last day): communes in force, communes with a village list, villages created,
-- communes with an updated roster. The last row answers the same figures as coverage_by_child on the period's last day.
-- Reads: units FINAL (communes and villages; communes again to bound their rosters), officers FINAL (the current
-- version of each officer, as coverage_by_child counts them). Every commune, village and roster becomes two changes, +1 from
-- the week it starts counting and -1 from the week it stops, summed over the weeks: the cost follows the registry, not
-- registry × weeks (a five-year period is 262 weeks).
-- Parameters:
--   from_week      Date    Monday of the period's first week
--   to             Date    the period's last day
--   province_code  String  '' = national; else this province
--   commune_code   String  '' = the whole province; else this commune
--   village_code   String  '' = the whole commune; else this village only (then no commune is counted)
-- Columns (one row per week, in order, weeks without a change included):
--   week_start Date (Monday), as_of Date (Sunday, or the period's last day), communes_total Int64,
--   communes_with_village_list Int64 (communes with at least one village in force), villages_created Int64,
--   communes_updated Int64 (communes in force with an active commune-level officer recorded by then)
WITH
    {from_week:Date} AS first_monday,
    {to:Date} AS last_day,
    {province_code:String} AS in_province,
    {commune_code:String} AS in_commune,
    {village_code:String} AS in_village,
    toUInt64(intDiv(dateDiff('day', first_monday, last_day), 7) + 1) AS weeks,
    addDays(first_monday, 6) AS first_sunday,
    -- The day each commune first had an active commune-level officer recorded.
    roster_since (commune, since) AS (
        SELECT o.commune_code, min(toDate(o.first_recorded_at))
        FROM officers AS o FINAL
        WHERE o.is_active = 1 AND o.unit_level = 'commune' AND in_village = ''
          AND (in_province = '' OR o.province_code = in_province)
          AND (in_commune = '' OR o.commune_code = in_commune)
        GROUP BY o.commune_code
    ),
    -- What counts, as (kind, commune, day, delta): a unit from its valid_from (+1) until its valid_to (-1); a roster
    -- from its first officer, while its commune is in force.
    changes (kind, commune, day, delta) AS (
        SELECT toString(u.level), u.commune_code, change.1, change.2
        FROM units AS u FINAL
        ARRAY JOIN [(u.valid_from, 1), (u.valid_to, -1)] AS change
        WHERE u.level IN ('commune', 'village') AND u.valid_from <= last_day
          AND (in_province = '' OR u.province_code = in_province)
          AND (in_commune = '' OR u.commune_code = in_commune)
          AND (in_village = '' OR (u.level = 'village' AND u.code = in_village))
        UNION ALL
        SELECT 'roster', c.commune_code, change.1, change.2
        FROM units AS c FINAL
        INNER JOIN roster_since AS r ON r.commune = c.commune_code
        ARRAY JOIN [(greatest(c.valid_from, r.since), 1), (c.valid_to, -1)] AS change
        WHERE c.level = 'commune' AND greatest(c.valid_from, r.since) < c.valid_to
          AND (in_province = '' OR c.province_code = in_province)
          AND (in_commune = '' OR c.commune_code = in_commune)
    ),
    -- The week from which a change counts: the first whose end is on or after its day. Changes after the period never do.
    dated (kind, commune, week, delta) AS (
        SELECT kind, commune, toUInt64(if(day <= first_sunday, 0, intDiv(dateDiff('day', first_sunday, day) + 6, 7))), delta
        FROM changes
        WHERE day <= last_day
    ),
    -- Per commune, its number of villages from each week it changes; the list exists while that number is above zero.
    village_counts (commune, week, villages) AS (
        SELECT commune, week, sum(sum(delta)) OVER (PARTITION BY commune ORDER BY week)
        FROM dated
        WHERE kind = 'village'
        GROUP BY commune, week
    ),
    list_changes (week, delta) AS (
        SELECT week, toInt64(villages > 0) - toInt64(lagInFrame(villages > 0, 1, 0) OVER (PARTITION BY commune ORDER BY week))
        FROM village_counts
    ),
    weekly (week, communes, lists, villages, rosters) AS (
        SELECT week, sum(communes), sum(lists), sum(villages), sum(rosters)
        FROM
        (
            SELECT week, sumIf(delta, kind = 'commune') AS communes, 0 AS lists, sumIf(delta, kind = 'village') AS villages,
                   sumIf(delta, kind = 'roster') AS rosters
            FROM dated
            GROUP BY week
            UNION ALL
            SELECT week, 0, sum(delta), 0, 0 FROM list_changes GROUP BY week
        )
        GROUP BY week
    )
SELECT
    addDays(first_monday, toInt64(g.week * 7)) AS week_start,
    least(addDays(week_start, 6), last_day) AS as_of,
    sum(ifNull(w.communes, 0)) OVER grid AS communes_total,
    sum(ifNull(w.lists, 0)) OVER grid AS communes_with_village_list,
    sum(ifNull(w.villages, 0)) OVER grid AS villages_created,
    sum(ifNull(w.rosters, 0)) OVER grid AS communes_updated
FROM (SELECT number AS week FROM numbers(weeks)) AS g
LEFT JOIN weekly AS w ON w.week = g.week
WINDOW grid AS (ORDER BY g.week)
ORDER BY g.week
SETTINGS join_use_nulls = 1, max_threads = 1
