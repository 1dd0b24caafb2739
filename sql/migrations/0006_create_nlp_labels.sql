-- NLP labels, kept apart from the texts: each model version labels every item once, and a new model adds its own rows,
-- so old labels stay queryable. The item's place, time and channel are copied in so trend queries need no join.

-- ReplacingMergeTree(labelled_at): relabelling an item with the same model version replaces its row.
-- ORDER BY model_version first: queries read one version; then place and time, as every trend is asked per subtree and period.
CREATE TABLE IF NOT EXISTS nlp_labels
(
    item_kind            Enum8('petition' = 1, 'post' = 2),
    item_id              String,
    model_version        LowCardinality(String) COMMENT 'topic and sentiment models that produced the row, e.g. "topic@1+sentiment@1"',
    topic                LowCardinality(String) COMMENT 'topic code (analytics/nlp/taxonomy.ts)',
    topic_confidence     Float32,
    sentiment            LowCardinality(String) COMMENT 'negative, neutral, positive',
    sentiment_confidence Float32,
    place_province_code  LowCardinality(String) DEFAULT '' COMMENT 'province named in the text, if any',
    place_commune_code   String DEFAULT '' COMMENT 'commune named in the text, if any',
    occurred_at          DateTime('Asia/Ho_Chi_Minh') COMMENT 'received_at of a petition, published_at of a post',
    province_code        LowCardinality(String),
    commune_code         String,
    channel              LowCardinality(String) COMMENT 'petition channel or post source',
    labelled_at          DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(labelled_at)
PARTITION BY model_version
ORDER BY (item_kind, province_code, commune_code, occurred_at, item_id);

-- Items per week, place, channel, topic and sentiment for each model version: the opinion-trend and topic charts.
-- SummingMergeTree: exact because a model version labels each item once (relabelling writes a new version).
CREATE TABLE IF NOT EXISTS nlp_labels_weekly
(
    model_version LowCardinality(String),
    item_kind     Enum8('petition' = 1, 'post' = 2),
    province_code LowCardinality(String),
    commune_code  String,
    week_start    Date,
    channel       LowCardinality(String),
    topic         LowCardinality(String),
    sentiment     LowCardinality(String),
    items         UInt64
)
ENGINE = SummingMergeTree
ORDER BY (model_version, item_kind, province_code, commune_code, week_start, channel, topic, sentiment);

CREATE MATERIALIZED VIEW IF NOT EXISTS nlp_labels_weekly_mv TO nlp_labels_weekly AS
SELECT model_version, item_kind, province_code, commune_code, toMonday(occurred_at) AS week_start, channel, topic, sentiment, count() AS items
FROM nlp_labels
GROUP BY model_version, item_kind, province_code, commune_code, week_start, channel, topic, sentiment;
