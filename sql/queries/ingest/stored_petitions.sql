-- stored_petitions: the petitions stored under some ids, with what ingestion compares (an incoming petition with the
-- same id must be the same petition) and whether each has its label of a model version and its "received" event:
-- a run killed between writing a petition and writing those leaves them to the next run, so they are checked only for
-- petitions stored by runs that did not finish (a finished run wrote all three).
-- Reads: ingest_keys (by kind and id), then petitions FINAL, nlp_labels and petition_events by their sort keys, so
-- the cost does not grow with the tables; ingest_runs (the finished runs).
-- Parameters:
--   ids      Array(String)  petition ids
--   version  String         the model version labelling at ingest
-- Columns:
--   petition_id String, received_at String, channel String, province_code String, commune_code String, title String,
--   text String, ingest_run_id String, labelled UInt8, received_event UInt8
WITH
    stored AS (
        SELECT province_code, commune_code, occurred_at, key, ingest_run_id
        FROM ingest_keys
        WHERE kind = 'petitions' AND key IN {ids:Array(String)}
    ),
    unfinished AS (
        SELECT province_code, commune_code, occurred_at, key
        FROM stored
        WHERE ingest_run_id NOT IN (SELECT run_id FROM ingest_runs WHERE status = 'done')
    )
SELECT
    p.petition_id AS petition_id,
    toString(p.received_at) AS received_at,
    toString(p.channel) AS channel,
    toString(p.province_code) AS province_code,
    p.commune_code AS commune_code,
    p.title AS title,
    p.text AS text,
    p.ingest_run_id AS ingest_run_id,
    (p.province_code, p.commune_code, p.received_at, p.petition_id) NOT IN (SELECT * FROM unfinished)
    OR (p.province_code, p.commune_code, p.received_at, p.petition_id) IN (
        SELECT province_code, commune_code, occurred_at, item_id FROM nlp_labels
        WHERE item_kind = 'petition' AND model_version = {version:String}
          AND (province_code, commune_code, occurred_at, item_id) IN (SELECT * FROM unfinished)
    ) AS labelled,
    (p.province_code, p.commune_code, p.received_at, p.petition_id) NOT IN (SELECT * FROM unfinished)
    OR (p.province_code, p.commune_code, p.petition_id) IN (
        SELECT province_code, commune_code, petition_id FROM petition_events
        WHERE status = 'received'
          AND (province_code, commune_code, petition_id) IN (SELECT province_code, commune_code, key FROM unfinished)
    ) AS received_event
FROM petitions AS p FINAL
WHERE (p.province_code, p.commune_code, p.received_at, p.petition_id) IN (
    SELECT province_code, commune_code, occurred_at, key FROM stored
)
