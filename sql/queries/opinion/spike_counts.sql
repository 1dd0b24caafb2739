-- spike_counts: the opinion items of a subtree in a week and in each of the weeks before it, by child place and topic:
-- what analytics/questions/opinion.ts compares to find spikes (a topic or a place far above its usual level).
-- Reads: nlp_labels_weekly (the rollup) when whole weeks are compared; nlp_labels when the week looked at is still
-- running on the reference day, to compare like with like: the same first days of each week (Monday to `days`).
-- Parameters:
--   model_version   String  the label version the dashboards read
--   with_petitions  UInt8   0 = posts only; 1 = posts and petitions
--   negative_only   UInt8   1 = count negative items only
--   province_code   String  '' = national (children are provinces); else this province (children are its communes)
--   commune_code    String  '' = the whole province; else only this commune
--   week_start      Date    Monday of the week looked at
--   baseline_weeks  UInt8   weeks just before it that make the usual level
--   days            UInt8   days of each week counted, from Monday: 7 = whole weeks
-- Columns:
--   child_code String ('' = place under the unit not known), topic String, weeks_ago UInt8 (0 = the week looked at),
--   items UInt64
WITH
    {week_start:Date} AS this_week,
    {week_start:Date} - 7 * {baseline_weeks:UInt8} AS first_week,
    {province_code:String} AS in_province,
    {commune_code:String} AS in_commune,
    {model_version:String} AS version,
    {with_petitions:UInt8} AS with_petitions,
    {negative_only:UInt8} AS negative_only,
    {days:UInt8} AS days,
    counted AS (
        SELECT w.week_start AS week_start, w.province_code AS province_code, w.commune_code AS commune_code,
               w.topic AS topic, w.items AS items
        FROM nlp_labels_weekly AS w
        WHERE days >= 7
          AND w.model_version = version
          AND (w.item_kind = 'post' OR (with_petitions = 1 AND w.item_kind = 'petition'))
          AND (negative_only = 0 OR w.sentiment = 'negative')
          AND (in_province = '' OR w.province_code = in_province)
          AND (in_commune = '' OR w.commune_code = in_commune)
          AND w.week_start BETWEEN first_week AND this_week
        UNION ALL
        SELECT toMonday(l.occurred_at) AS week_start, l.province_code AS province_code, l.commune_code AS commune_code,
               l.topic AS topic, toUInt64(1) AS items
        FROM nlp_labels AS l
        WHERE days < 7
          AND l.model_version = version
          AND (l.item_kind = 'post' OR (with_petitions = 1 AND l.item_kind = 'petition'))
          AND (negative_only = 0 OR l.sentiment = 'negative')
          AND (in_province = '' OR l.province_code = in_province)
          AND (in_commune = '' OR l.commune_code = in_commune)
          AND toDate(l.occurred_at) BETWEEN first_week AND this_week + 6
          AND toDayOfWeek(l.occurred_at) <= days
    )
SELECT
    if(in_province = '', c.province_code, c.commune_code) AS child_code,
    c.topic AS topic,
    toUInt8(intDiv(dateDiff('day', c.week_start, this_week), 7)) AS weeks_ago,
    sum(c.items) AS items
FROM counted AS c
GROUP BY child_code, topic, weeks_ago
ORDER BY child_code, topic, weeks_ago
