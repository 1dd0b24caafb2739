-- Texts holding each term, week by week, for the whole country and for each province: rising keywords
-- (analytics/nlp/keywords.ts) compare the terms of a week with the four weeks before it, and counting them from every
-- text's `terms` made a national question unfold 3.6 million array elements on the 1M-post demo (≈ 200 ms, and ten
-- times that at ten times the data). A commune's texts are few: they are still counted from nlp_labels.
-- The term '' counts the texts themselves, so each rate's denominator comes from the same rows as its numerator.
-- TRICKY: like nlp_labels_weekly, this is fed by inserts only: whatever deletes or truncates rows of nlp_labels
-- (relabel --force, a demo built again in place) must clear the same rows here. The keyword query checks these totals
-- against nlp_labels and counts from the texts when they disagree, so a stale rollup costs time, never a wrong answer.

-- SummingMergeTree: counts add up across parts; exact because a model version labels each item once.
-- ORDER BY model version, kind, then scope and week: a question reads one scope's five weeks.
CREATE TABLE IF NOT EXISTS nlp_terms_weekly
(
    model_version LowCardinality(String),
    item_kind     Enum8('petition' = 1, 'post' = 2),
    scope_code    LowCardinality(String) COMMENT 'VN = every text; else a province code: the texts placed in that province',
    week_start    Date,
    term          String COMMENT 'a folded term as nlp_labels.terms holds it; empty = the texts themselves',
    texts         UInt64
)
ENGINE = SummingMergeTree
ORDER BY (model_version, item_kind, scope_code, week_start, term);

CREATE MATERIALIZED VIEW IF NOT EXISTS nlp_terms_weekly_mv TO nlp_terms_weekly AS
SELECT l.model_version AS model_version, l.item_kind AS item_kind, scope_code, toMonday(l.occurred_at) AS week_start, term, count() AS texts
FROM nlp_labels AS l
ARRAY JOIN arrayConcat([''], l.terms) AS term
ARRAY JOIN arrayFilter(s -> s != '', ['VN', toString(l.province_code)]) AS scope_code
GROUP BY model_version, item_kind, scope_code, week_start, term;

-- The labels stored before this rollup existed.
INSERT INTO nlp_terms_weekly
SELECT l.model_version AS model_version, l.item_kind AS item_kind, scope_code, toMonday(l.occurred_at) AS week_start, term, count() AS texts
FROM nlp_labels AS l
ARRAY JOIN arrayConcat([''], l.terms) AS term
ARRAY JOIN arrayFilter(s -> s != '', ['VN', toString(l.province_code)]) AS scope_code
GROUP BY model_version, item_kind, scope_code, week_start, term;
