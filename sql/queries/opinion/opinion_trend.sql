-- opinion_trend: the opinion items of a subtree in a period, by ISO week and topic and by child place and topic, each
-- split by sentiment: the volume and net-sentiment charts over weeks and across the unit's children.
-- Reads: nlp_labels_weekly (the rollup) for the weeks wholly inside the period, and nlp_labels only for the days of the
-- first and last week when the period covers them in part, so that a period of any days is counted exactly.
-- Parameters:
--   model_version   String  the label version the dashboards read (analytics/nlp/reviews.ts activeVersion)
--   with_petitions  UInt8   0 = posts only; 1 = posts and petitions
--   province_code   String  '' = national (children are provinces); else this province (children are its communes)
--   commune_code    String  '' = the whole province; else only this commune (its one child row is itself)
--   from            Date    first day of the period
--   to              Date    last day of the period, inclusive
--   topic           String  only items of this topic; '' = all
-- Columns (weekly rows first):
--   by_week UInt8 (1 = a row of the weekly series, 0 = a row of a child place), week_start Date (Monday; 1970-01-01
--   on place rows), child_code String ('' on weekly rows; '' on a place row = items whose place under the unit is not
--   known), topic String, items UInt64, negative UInt64, neutral UInt64, positive UInt64
WITH
    {from:Date} AS first_day,
    {to:Date} AS last_day,
    {province_code:String} AS in_province,
    {commune_code:String} AS in_commune,
    {model_version:String} AS version,
    {with_petitions:UInt8} AS with_petitions,
    counted AS (
        SELECT w.week_start AS week_start, w.province_code AS province_code, w.commune_code AS commune_code,
               w.topic AS topic, w.sentiment AS sentiment, w.items AS items
        FROM nlp_labels_weekly AS w
        WHERE w.model_version = version
          AND (w.item_kind = 'post' OR (with_petitions = 1 AND w.item_kind = 'petition'))
          AND (in_province = '' OR w.province_code = in_province)
          AND (in_commune = '' OR w.commune_code = in_commune)
          AND w.week_start >= first_day AND w.week_start + 6 <= last_day
        UNION ALL
        -- TRICKY: the edge weeks only; a week wholly inside the period was counted from the rollup above.
        SELECT toMonday(l.occurred_at) AS week_start, l.province_code AS province_code, l.commune_code AS commune_code,
               l.topic AS topic, l.sentiment AS sentiment, toUInt64(1) AS items
        FROM nlp_labels AS l
        WHERE l.model_version = version
          AND (l.item_kind = 'post' OR (with_petitions = 1 AND l.item_kind = 'petition'))
          AND (in_province = '' OR l.province_code = in_province)
          AND (in_commune = '' OR l.commune_code = in_commune)
          AND toDate(l.occurred_at) BETWEEN first_day AND last_day
          AND (toDate(l.occurred_at) < toMonday(first_day) + 7 OR toDate(l.occurred_at) >= toMonday(last_day))
          AND NOT (toMonday(l.occurred_at) >= first_day AND toMonday(l.occurred_at) + 6 <= last_day)
    ),
    facts AS (
        SELECT c.week_start AS week_start, if(in_province = '', c.province_code, c.commune_code) AS child,
               c.topic AS topic, c.sentiment AS sentiment, c.items AS items
        FROM counted AS c
        -- The dashboards' topic filter: '' = every topic.
        WHERE {topic:String} = '' OR c.topic = {topic:String}
    )
-- TRICKY: columns are qualified (f.) because the sums and the outputs take the facts' names as aliases.
SELECT
    grouping(f.child) AS by_week,
    ifNull(f.week_start, toDate(0)) AS week_start,
    ifNull(f.child, '') AS child_code,
    f.topic AS topic,
    sum(f.items) AS items,
    sumIf(f.items, f.sentiment = 'negative') AS negative,
    sumIf(f.items, f.sentiment = 'neutral') AS neutral,
    sumIf(f.items, f.sentiment = 'positive') AS positive
FROM facts AS f
GROUP BY GROUPING SETS ((f.week_start, f.topic), (f.child, f.topic))
ORDER BY by_week DESC, week_start, child_code, topic
SETTINGS group_by_use_nulls = 1
