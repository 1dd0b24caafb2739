-- item_labels: the labels one model version gave one item.
-- Reads: nlp_labels (one partition, by its sort key prefix).
-- Parameters:
--   model_version  String
--   item_kind      String   petition or post
--   item_id        String
-- Columns:
--   topic String, topic_confidence Float32, sentiment String, sentiment_confidence Float32,
--   place_province_code String, place_commune_code String, terms Array(String)
SELECT topic, topic_confidence, sentiment, sentiment_confidence, place_province_code, place_commune_code, terms
FROM nlp_labels
WHERE model_version = {model_version:String} AND item_kind = {item_kind:String} AND item_id = {item_id:String}
ORDER BY labelled_at DESC
LIMIT 1
