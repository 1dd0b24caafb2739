-- label_versions: the model versions that have labelled items, with how many of each kind, and when.
-- Reads: nlp_labels_weekly (the rollup: counts without reading the labels).
-- Parameters: none
-- Columns:
--   model_version String, petitions UInt64, posts UInt64
SELECT model_version, sumIf(items, item_kind = 'petition') AS petitions, sumIf(items, item_kind = 'post') AS posts
FROM nlp_labels_weekly
GROUP BY model_version
ORDER BY model_version
