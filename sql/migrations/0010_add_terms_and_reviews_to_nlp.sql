-- Terms each labelled text holds (diacritic-free syllables and pairs, analytics/nlp/keywords.ts): rising keywords are
-- counted from them per period and place without reading the texts again.
ALTER TABLE nlp_labels ADD COLUMN IF NOT EXISTS terms Array(String) DEFAULT [] AFTER place_commune_code;

-- Analysts' corrections of labels, from the review queue of low-confidence items; exported into the next training.
-- ReplacingMergeTree(reviewed_at): a later correction of the same item and task replaces the earlier one.
CREATE TABLE IF NOT EXISTS nlp_reviews
(
    item_kind     Enum8('petition' = 1, 'post' = 2),
    item_id       String,
    task          LowCardinality(String) COMMENT 'topic or sentiment',
    label         LowCardinality(String) COMMENT 'the label the analyst gives',
    model_version LowCardinality(String) COMMENT 'the labels the analyst saw',
    model_label   LowCardinality(String) COMMENT 'what the model said',
    reviewer      String COMMENT 'user id of the analyst',
    reviewed_at   DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(reviewed_at)
ORDER BY (item_kind, item_id, task);
