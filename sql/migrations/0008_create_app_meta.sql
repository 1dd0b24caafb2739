-- Facts about the dataset itself: whether it is a demo, its seed and reference date, the active NLP model version.
-- ReplacingMergeTree(updated_at): one current value per key.
CREATE TABLE IF NOT EXISTS app_meta
(
    key        String,
    value      String,
    updated_at DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY key;
