-- petition_figures: the petitions of a subtree received in a period and how they stood at its end, in total and by
-- handling level, topic, channel, ISO week of receipt, child place and holder: received, in progress, answered, overdue,
-- answered within the deadline, days to the first answer (median, 90th percentile), the oldest deadline missed.
-- The counts, the handling times and the ranking of units by overdue petitions are read from it (one run serves all three).
-- Answered = given its first answer by the end (a later reopening does not undo it, as handling time counts to the first
-- answer too); in progress = not yet; overdue = in progress with the deadline in force at the end passed; within the
-- deadline = first answer at or before the deadline in force at the end. Level, holder and deadline are those in force at
-- the end: a transferred or escalated petition counts where it went.
-- Reads: petitions (the period's rows: place, time, channel; no texts, no contacts), petition_status (the rollup of each
-- petition's history), petition_events (only petitions whose history went on after state_at), app_meta (the active
-- label version), nlp_labels (its labels).
-- TRICKY: sql/queries/drill/petition_rows.sql repeats this WITH block word for word (its place filters also take the
-- petitions a unit of the subtree holds from elsewhere, which are not counted here), so that the drill-through lists
-- exactly the petitions counted here; change both together.
-- Parameters:
--   province_code  String                             '' = national (children are provinces); else this province
--   commune_code   String                             '' = the whole province (children are communes); else this commune
--   village_code   String                             '' = the whole commune (children are villages); else this village
--   received_from  DateTime('Asia/Ho_Chi_Minh')       the period's first moment (its first day, 00:00)
--   received_to    DateTime('Asia/Ho_Chi_Minh')       the moment after it (its last day + 1, 00:00)
--   state_at       DateTime('Asia/Ho_Chi_Minh')       when states are read: the period's end, or now if sooner
--   active_key     String                             the app_meta key of the active label version (nlp.active_model_version)
--   topic          String                             only petitions of this topic (active labels); '' = all
-- Columns (the total first: dimension 'total', key ''; child and holder rows only where some petition is overdue; days
-- rows only for bands some answered petition falls in):
--   dimension String (total, level, topic, channel, week, child, holder, days), key String (level; topic code, '' = not
--   labelled; channel; Monday of the week; child unit code; holder unit code; days to the first answer: 0-2, 3-7, 8-15,
--   16-30, 31-45, 46+), received UInt64 (petitions: a mass
--   case's signatures each count), cases UInt64 (a mass case once), in_progress UInt64,
--   answered UInt64, overdue UInt64, answered_on_time UInt64, handling_days_p50 Nullable(Float64),
--   handling_days_p90 Nullable(Float64) (days, one decimal; null when none answered), oldest_due Nullable(DateTime),
--   label_version String (the label version topics came from)
WITH
    -- Topics come from the active label version, read with the figures so that a relabel changes both at once.
    (SELECT argMax(m.value, m.updated_at) FROM app_meta AS m WHERE m.key = {active_key:String}) AS label_version,
    -- The period's petitions: where, when and how they came, and how their handling began.
    received AS
    (
        SELECT
            cityHash64(p.petition_id) AS h,
            p.petition_id AS petition_id,
            p.received_at AS received_at,
            p.channel AS channel,
            p.province_code AS province_code,
            p.commune_code AS commune_code,
            p.village_code AS village_code,
            toString(p.handling_level) AS first_level,
            p.handling_unit_code AS first_holder,
            p.due_at AS first_due,
            p.case_id AS case_id
        FROM petitions AS p
        WHERE ({province_code:String} = '' OR p.province_code = {province_code:String})
          AND ({commune_code:String} = '' OR p.commune_code = {commune_code:String})
          AND ({village_code:String} = '' OR p.village_code = {village_code:String})
          AND p.received_at >= {received_from:DateTime('Asia/Ho_Chi_Minh')}
          AND p.received_at < {received_to:DateTime('Asia/Ho_Chi_Minh')}
    ),
    -- Their state now, folded from the rollup's partial rows (events may come up to a day before the receipt).
    current AS
    (
        SELECT
            cityHash64(s.petition_id) AS h,
            min(s.answered_at) AS answered_at,
            argMaxMerge(s.due_at) AS due_at,
            toString(argMaxMerge(s.handling_level)) AS handling_level,
            argMaxMerge(s.unit_code) AS holder
        FROM petition_status AS s
        WHERE ({province_code:String} = '' OR s.province_code = {province_code:String})
          AND ({commune_code:String} = '' OR s.commune_code = {commune_code:String})
          AND s.last_event_at >= {received_from:DateTime('Asia/Ho_Chi_Minh')} - INTERVAL 1 DAY
        GROUP BY h
    ),
    -- TRICKY: the state at state_at of a petition whose history went on after it is folded again from its events before
    -- it. For a period that ends now there are none, and the event_at partitions keep the look cheap.
    later AS
    (
        SELECT DISTINCT cityHash64(e.petition_id) AS h
        FROM petition_events AS e
        WHERE ({province_code:String} = '' OR e.province_code = {province_code:String})
          AND ({commune_code:String} = '' OR e.commune_code = {commune_code:String})
          AND e.event_at >= {state_at:DateTime('Asia/Ho_Chi_Minh')}
    ),
    at_end AS
    (
        SELECT
            cityHash64(e.petition_id) AS h,
            argMax(e.due_at, e.event_at) AS due_at,
            toString(argMax(e.handling_level, e.event_at)) AS handling_level,
            argMax(e.unit_code, e.event_at) AS holder
        FROM petition_events AS e
        WHERE ({province_code:String} = '' OR e.province_code = {province_code:String})
          AND ({commune_code:String} = '' OR e.commune_code = {commune_code:String})
          AND e.event_at >= {received_from:DateTime('Asia/Ho_Chi_Minh')} - INTERVAL 1 DAY
          AND e.event_at < {state_at:DateTime('Asia/Ho_Chi_Minh')}
          AND cityHash64(e.petition_id) IN (SELECT h FROM later)
        GROUP BY h
    ),
    labels AS
    (
        SELECT cityHash64(l.item_id) AS h, l.topic AS topic, l.sentiment AS sentiment
        FROM nlp_labels AS l
        WHERE l.model_version = label_version AND l.item_kind = 'petition'
          AND ({province_code:String} = '' OR l.province_code = {province_code:String})
          AND ({commune_code:String} = '' OR l.commune_code = {commune_code:String})
          AND l.occurred_at >= {received_from:DateTime('Asia/Ho_Chi_Minh')}
          AND l.occurred_at < {received_to:DateTime('Asia/Ho_Chi_Minh')}
    ),
    facts AS
    (
        SELECT
            r.petition_id AS petition_id,
            r.received_at AS received_at,
            toMonday(r.received_at) AS week_start,
            r.channel AS channel_code,
            r.province_code AS province_code,
            r.commune_code AS commune_code,
            r.village_code AS village_code,
            -- A mass case counts once among cases; each of its petitions counts among those received (signatures).
            if(r.case_id = '', r.petition_id, r.case_id) AS case_key,
            coalesce(e.handling_level, c.handling_level, r.first_level) AS level_at_end,
            coalesce(e.holder, c.holder, r.first_holder) AS holder_at_end,
            coalesce(c.holder, r.first_holder) AS holder_now,
            coalesce(e.due_at, c.due_at, r.first_due) AS due_at_end,
            if(c.answered_at < {state_at:DateTime('Asia/Ho_Chi_Minh')}, c.answered_at, NULL) AS first_answer_at,
            first_answer_at IS NOT NULL AS is_answered,
            NOT is_answered AND due_at_end < {state_at:DateTime('Asia/Ho_Chi_Minh')} AS is_overdue,
            ifNull(l.topic, '') AS topic_code,
            ifNull(l.sentiment, '') AS sentiment_code
        FROM received AS r
        LEFT JOIN current AS c ON c.h = r.h
        LEFT JOIN at_end AS e ON e.h = r.h
        -- ANY: a label row written twice before its merge must not count a petition twice.
        LEFT ANY JOIN labels AS l ON l.h = r.h
    )
SELECT
    multiIf(grouping(f.level_at_end) = 0, 'level', grouping(f.topic_code) = 0, 'topic', grouping(f.channel_code) = 0, 'channel',
        grouping(f.week_start) = 0, 'week', grouping(f.child_code) = 0, 'child', grouping(f.holder_at_end) = 0, 'holder',
        grouping(f.days_band) = 0, 'days', 'total') AS dimension,
    multiIf(dimension = 'level', f.level_at_end, dimension = 'topic', f.topic_code, dimension = 'channel', f.channel_code,
        dimension = 'week', toString(f.week_start), dimension = 'child', f.child_code, dimension = 'holder', f.holder_at_end,
        dimension = 'days', f.days_band, '') AS key,
    count() AS received,
    uniqExact(f.case_key) AS cases,
    countIf(NOT f.is_answered) AS in_progress,
    countIf(f.is_answered) AS answered,
    countIf(f.is_overdue) AS overdue,
    countIf(f.is_answered AND f.first_answer_at <= f.due_at_end) AS answered_on_time,
    -- The same aggregate twice is computed once.
    round(quantilesExactInclusiveIf(0.5, 0.9)(dateDiff('second', f.received_at, f.first_answer_at) / 86400, f.is_answered)[1], 1)
        AS handling_days_p50,
    round(quantilesExactInclusiveIf(0.5, 0.9)(dateDiff('second', f.received_at, f.first_answer_at) / 86400, f.is_answered)[2], 1)
        AS handling_days_p90,
    minIfOrNull(f.due_at_end, f.is_overdue) AS oldest_due,
    label_version
FROM
(
    -- The child place under the unit: a province of the country, a commune of a province, a village of a commune.
    SELECT *, multiIf({province_code:String} = '', province_code, {commune_code:String} = '', commune_code,
        {village_code:String} = '', village_code, '') AS child_code,
        -- Days to the first answer, in the bands the handling-time distribution shows; '' = not answered.
        if(is_answered, multiIf(dateDiff('second', received_at, first_answer_at) < 3 * 86400, '0-2',
            dateDiff('second', received_at, first_answer_at) < 8 * 86400, '3-7',
            dateDiff('second', received_at, first_answer_at) < 16 * 86400, '8-15',
            dateDiff('second', received_at, first_answer_at) < 31 * 86400, '16-30',
            dateDiff('second', received_at, first_answer_at) < 46 * 86400, '31-45', '46+'), '') AS days_band
    FROM facts
    -- The dashboards' topic filter: '' = every topic.
    WHERE {topic:String} = '' OR topic_code = {topic:String}
) AS f
GROUP BY GROUPING SETS ((), (f.level_at_end), (f.topic_code), (f.channel_code), (f.week_start), (f.child_code), (f.holder_at_end),
    (f.days_band))
HAVING dimension NOT IN ('child', 'holder', 'days')
    OR (dimension IN ('child', 'holder') AND overdue > 0 AND key != '')
    OR (dimension = 'days' AND key != '')
ORDER BY dimension = 'total' DESC, dimension, key
SETTINGS join_use_nulls = 1
