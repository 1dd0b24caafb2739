-- rising_term_counts: how many texts of a subtree hold each term in a week and in the weeks before it, and how many
-- texts there are in each: the counts analytics/nlp/keywords.ts risingTerms scores for rising keywords.
-- Reads: nlp_terms_weekly (the rollup) for the country when its totals agree with nlp_labels over the same weeks;
-- otherwise, and for a province or a commune, the terms each text keeps in nlp_labels.
-- Parameters:
--   model_version   String  the label version the dashboards read
--   with_petitions  UInt8   0 = posts only; 1 = posts and petitions
--   province_code   String  '' = national; else this province
--   commune_code    String  '' = the whole province; else only this commune
--   week_start      Date    Monday of the week looked at
--   baseline_weeks  UInt8   weeks just before it that make the baseline
--   min_current     UInt32  terms held by fewer texts of the week are left out (risingTerms would drop them)
-- Columns (the totals first: term = '', counting texts):
--   term String (folded, as stored), current UInt64 (texts of the week holding it), baseline UInt64 (texts of the
--   baseline weeks holding it)
WITH
    {week_start:Date} AS this_week,
    {week_start:Date} - 7 * {baseline_weeks:UInt8} AS first_week,
    {province_code:String} AS in_province,
    {commune_code:String} AS in_commune,
    {model_version:String} AS version,
    {with_petitions:UInt8} AS with_petitions,
    -- TRICKY: the rollup is fed by inserts only (see its migration): it is read only when it holds as many texts as
    -- nlp_labels for the same weeks and place, so a rollup left stale by a deletion is never believed.
    (
        SELECT count()
        FROM nlp_labels AS s
        WHERE s.model_version = version
          AND (s.item_kind = 'post' OR (with_petitions = 1 AND s.item_kind = 'petition'))
          AND toDate(s.occurred_at) BETWEEN first_week AND this_week + 6
    ) AS texts_labelled,
    (
        SELECT sum(r.texts)
        FROM nlp_terms_weekly AS r
        WHERE r.model_version = version
          AND (r.item_kind = 'post' OR (with_petitions = 1 AND r.item_kind = 'petition'))
          AND r.scope_code = 'VN'
          AND r.week_start BETWEEN first_week AND this_week
          AND r.term = ''
    ) AS texts_rolled_up,
    in_province = '' AND texts_labelled = texts_rolled_up AS from_rollup
SELECT c.term AS term, sum(c.current) AS current, sum(c.baseline) AS baseline
FROM
(
    SELECT r.term AS term, sumIf(r.texts, r.week_start = this_week) AS current, sumIf(r.texts, r.week_start < this_week) AS baseline
    FROM nlp_terms_weekly AS r
    WHERE from_rollup
      AND r.model_version = version
      AND (r.item_kind = 'post' OR (with_petitions = 1 AND r.item_kind = 'petition'))
      AND r.scope_code = 'VN'
      AND r.week_start BETWEEN first_week AND this_week
    GROUP BY r.term
    UNION ALL
    -- Every text holds '' once, so its row counts the texts.
    SELECT arrayJoin(arrayConcat([''], l.terms)) AS term,
           countIf(l.occurred_at >= toDateTime(this_week, 'Asia/Ho_Chi_Minh')) AS current,
           countIf(l.occurred_at < toDateTime(this_week, 'Asia/Ho_Chi_Minh')) AS baseline
    FROM nlp_labels AS l
    WHERE NOT from_rollup
      AND l.model_version = version
      AND (l.item_kind = 'post' OR (with_petitions = 1 AND l.item_kind = 'petition'))
      AND (in_province = '' OR l.province_code = in_province)
      AND (in_commune = '' OR l.commune_code = in_commune)
      AND toDate(l.occurred_at) BETWEEN first_week AND this_week + 6
    GROUP BY term
) AS c
GROUP BY c.term
HAVING c.term = '' OR current >= {min_current:UInt32}
ORDER BY c.term = '' DESC, current DESC, c.term
