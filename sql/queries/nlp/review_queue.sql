-- review_queue: items the active model labelled with low confidence and no analyst has reviewed yet, least sure first.
-- Reads: nlp_labels (the active version's partition), nlp_reviews FINAL (small).
-- Parameters:
--   model_version   String   the version the dashboards read
--   max_confidence  Float32  labels under this confidence (topic or sentiment) are queued
--   province_code   String   '' = everywhere; else items placed in this province
--   item_kind       String   '' = both; else petition or post
--   page_size       UInt32   rows to return
--   page_offset     UInt32   rows to skip
-- Columns:
--   item_kind String, item_id String, topic String, topic_confidence Float32, sentiment String,
--   sentiment_confidence Float32, occurred_at DateTime, province_code String, commune_code String
SELECT toString(item_kind) AS item_kind, item_id, topic, topic_confidence, sentiment, sentiment_confidence, occurred_at, province_code, commune_code
FROM nlp_labels
WHERE model_version = {model_version:String}
  AND least(topic_confidence, sentiment_confidence) < {max_confidence:Float32}
  AND ({province_code:String} = '' OR province_code = {province_code:String})
  AND ({item_kind:String} = '' OR toString(item_kind) = {item_kind:String})
  AND (item_kind, item_id) NOT IN (SELECT item_kind, item_id FROM nlp_reviews)
ORDER BY least(topic_confidence, sentiment_confidence) ASC, item_id
LIMIT {page_size:UInt32} OFFSET {page_offset:UInt32}
