-- labelled_petitions: which of some petitions have their label of a model version (routing again after a crash must
-- not label a petition twice: the weekly label counts are sums). Only asked for petitions found stored already.
-- Reads: nlp_labels, the version's partition.
-- Parameters:
--   ids      Array(String)  petition ids
--   version  String         the model version
-- Columns: item_id String
SELECT DISTINCT l.item_id AS item_id
FROM nlp_labels AS l
WHERE l.model_version = {version:String} AND l.item_kind = 'petition' AND l.item_id IN {ids:Array(String)}
