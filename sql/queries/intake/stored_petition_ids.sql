-- stored_petition_ids: which of some petition ids are stored already (routing again after a crash must not store a
-- petition twice: the weekly counts are sums).
-- Reads: ingest_keys (kind, key): a point look-up, whatever the size of petitions.
-- Parameters:
--   ids  Array(String)  petition ids
-- Columns: petition_id String
SELECT DISTINCT k.key AS petition_id
FROM ingest_keys AS k
WHERE k.kind = 'petitions' AND k.key IN {ids:Array(String)}
