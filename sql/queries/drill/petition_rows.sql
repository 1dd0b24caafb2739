-- petition_rows: the petitions behind a petition figure, a page at a time, newest first: the same period, place and state
-- at the period's end as sql/queries/petitions/petition_figures.sql, narrowed by the figure's filters. No texts and no
-- contacts here: sql/queries/drill/petition_details.sql reads those for the page's rows only.
-- Also listed: the petitions a unit of the subtree holds though their matter lies elsewhere (held_*, from
-- sql/queries/drill/petitions_held_elsewhere.sql), so that their holder reaches them and reads their contact. The figures
-- count these where their matter lies: under a province or commune that holds some, the list has them beside the figure's.
-- Keyset paging: each page starts after the (received_at, petition_id) of the last row of the page before.
-- Reads: petitions (the period's rows: place, time, channel), petition_status (the rollup of each petition's history),
-- petition_events (only petitions whose history went on after state_at), app_meta (the active label version),
-- nlp_labels (its labels).
-- TRICKY: the WITH block is petition_figures.sql's, word for word but for the petitions held from elsewhere (held_*)
-- that each place filter also takes, so that a row of the subtree's places is listed exactly when it is counted; change
-- both together.
-- Parameters:
--   province_code   String                             '' = national; else this province
--   commune_code    String                             '' = the whole province; else this commune
--   village_code    String                             '' = the whole commune; else this village
--   held_provinces  Array(String)                      the petitions held from elsewhere: their provinces,
--   held_communes   Array(String)                      communes
--   held_ids        Array(String)                      and ids ([] = none)
--   received_from   DateTime('Asia/Ho_Chi_Minh')       the period's (or the week's) first moment
--   received_to     DateTime('Asia/Ho_Chi_Minh')       the moment after it
--   state_at        DateTime('Asia/Ho_Chi_Minh')       when states are read: the period's end, or now if sooner
--   active_key      String                             the app_meta key of the active label version (nlp.active_model_version)
--   state           String                             '' = any; in_progress, answered or overdue
--   levels          Array(String)                      handling levels at the end; [] = any
--   channels        Array(String)                      [] = any
--   topics          Array(String)                      [] = any; '' = not labelled
--   sentiments      Array(String)                      [] = any; '' = not labelled
--   holder          String                             '' = any; else the unit holding the petition at the end
--   deadline        String                             '' = any; met or missed (answered within the deadline or after it)
--   after_received  DateTime('Asia/Ho_Chi_Minh')       the last row of the page before (ignored when after_id is '')
--   after_id        String                             '' = the first page
--   page_size       UInt32                             rows to return
-- Columns (received_at descending, then petition_id descending):
--   petition_id String, received_at DateTime, channel String, province_code String, commune_code String,
--   village_code String, handling_level String, holder String (at the end), holder_now String (the unit holding it now:
--   the one whose users may read its contact), due_at DateTime (in force at the end), answered_at Nullable(DateTime64(3))
--   (first answer by the end), topic String, sentiment String, state String (in_progress, answered, overdue)
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
        WHERE ((({province_code:String} = '' OR p.province_code = {province_code:String})
                AND ({commune_code:String} = '' OR p.commune_code = {commune_code:String})
                AND ({village_code:String} = '' OR p.village_code = {village_code:String}))
               OR (p.province_code IN {held_provinces:Array(String)} AND p.commune_code IN {held_communes:Array(String)}
                AND p.petition_id IN {held_ids:Array(String)}))
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
        WHERE ((({province_code:String} = '' OR s.province_code = {province_code:String})
                AND ({commune_code:String} = '' OR s.commune_code = {commune_code:String}))
               OR (s.province_code IN {held_provinces:Array(String)} AND s.commune_code IN {held_communes:Array(String)}
                AND s.petition_id IN {held_ids:Array(String)}))
          AND s.last_event_at >= {received_from:DateTime('Asia/Ho_Chi_Minh')} - INTERVAL 1 DAY
        GROUP BY h
    ),
    -- TRICKY: the state at state_at of a petition whose history went on after it is folded again from its events before
    -- it. For a period that ends now there are none, and the event_at partitions keep the look cheap.
    later AS
    (
        SELECT DISTINCT cityHash64(e.petition_id) AS h
        FROM petition_events AS e
        WHERE ((({province_code:String} = '' OR e.province_code = {province_code:String})
                AND ({commune_code:String} = '' OR e.commune_code = {commune_code:String}))
               OR (e.province_code IN {held_provinces:Array(String)} AND e.commune_code IN {held_communes:Array(String)}
                AND e.petition_id IN {held_ids:Array(String)}))
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
        WHERE ((({province_code:String} = '' OR e.province_code = {province_code:String})
                AND ({commune_code:String} = '' OR e.commune_code = {commune_code:String}))
               OR (e.province_code IN {held_provinces:Array(String)} AND e.commune_code IN {held_communes:Array(String)}
                AND e.petition_id IN {held_ids:Array(String)}))
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
          AND ((({province_code:String} = '' OR l.province_code = {province_code:String})
                AND ({commune_code:String} = '' OR l.commune_code = {commune_code:String}))
               OR (l.province_code IN {held_provinces:Array(String)} AND l.commune_code IN {held_communes:Array(String)}
                AND l.item_id IN {held_ids:Array(String)}))
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
    f.petition_id AS petition_id,
    f.received_at AS received_at,
    f.channel_code AS channel,
    f.province_code AS province_code,
    f.commune_code AS commune_code,
    f.village_code AS village_code,
    f.level_at_end AS handling_level,
    f.holder_at_end AS holder,
    f.holder_now AS holder_now,
    f.due_at_end AS due_at,
    f.first_answer_at AS answered_at,
    f.topic_code AS topic,
    f.sentiment_code AS sentiment,
    multiIf(f.is_answered, 'answered', f.is_overdue, 'overdue', 'in_progress') AS state
FROM facts AS f
WHERE ({state:String} = '' OR ({state:String} = 'in_progress' AND NOT f.is_answered)
        OR ({state:String} = 'answered' AND f.is_answered) OR ({state:String} = 'overdue' AND f.is_overdue))
  AND (empty({levels:Array(String)}) OR has({levels:Array(String)}, f.level_at_end))
  AND (empty({channels:Array(String)}) OR has({channels:Array(String)}, f.channel_code))
  AND (empty({topics:Array(String)}) OR has({topics:Array(String)}, f.topic_code))
  AND (empty({sentiments:Array(String)}) OR has({sentiments:Array(String)}, f.sentiment_code))
  AND ({holder:String} = '' OR f.holder_at_end = {holder:String})
  AND ({deadline:String} = '' OR (f.is_answered AND (f.first_answer_at <= f.due_at_end) = ({deadline:String} = 'met')))
  AND ({after_id:String} = ''
        OR (f.received_at, f.petition_id) < ({after_received:DateTime('Asia/Ho_Chi_Minh')}, {after_id:String}))
ORDER BY f.received_at DESC, f.petition_id DESC
LIMIT {page_size:UInt32}
SETTINGS join_use_nulls = 1
