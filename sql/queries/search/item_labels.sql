-- item_labels: the labels of the active version of some posts or petitions (a page of search hits).
-- Reads: app_meta (the active version), nlp_labels (that version's partition, by the items' places, then their ids).
-- Parameters:
--   active_key  String                                     the app_meta key of the active label version
--   item_kind   String                                     post or petition
--   provinces   Array(String)                              the items' provinces ('' for none)
--   communes    Array(String)                              the items' communes
--   ids         Array(String)                              the items' ids
-- Columns: item_id String, topic String, sentiment String
WITH (SELECT argMax(m.value, m.updated_at) FROM app_meta AS m WHERE m.key = {active_key:String}) AS label_version
SELECT n.item_id AS item_id, any(toString(n.topic)) AS topic, any(toString(n.sentiment)) AS sentiment
FROM nlp_labels AS n
WHERE n.model_version = label_version AND n.item_kind = {item_kind:String}
  AND n.province_code IN {provinces:Array(String)} AND n.commune_code IN {communes:Array(String)}
  AND n.item_id IN {ids:Array(String)}
GROUP BY n.item_id
