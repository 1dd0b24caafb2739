-- app_meta: facts about the dataset (is it a demo, its reference date, the active NLP model version).
-- Reads: app_meta FINAL (a handful of rows).
-- Parameters: none
-- Columns:
--   key String, value String, updated_at DateTime64(3)
SELECT key, value, updated_at
FROM app_meta FINAL
ORDER BY key
