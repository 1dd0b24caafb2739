-- stored_petitions: the petitions stored under some ids, with what ingestion compares (an incoming petition with the
-- same id must be the same petition) and whether each has its label of a model version and its "received" event:
-- a run killed between writing a petition and writing those leaves them to the next run.
-- Reads: petitions FINAL, nlp_labels, petition_events (each only for the ids, through their id indexes).
-- Parameters:
--   ids      Array(String)  petition ids
--   version  String         the model version labelling at ingest
-- Columns:
--   petition_id String, received_at String, channel String, province_code String, commune_code String, title String,
--   text String, ingest_run_id String, labelled UInt8, received_event UInt8
SELECT
    p.petition_id AS petition_id,
    toString(p.received_at) AS received_at,
    toString(p.channel) AS channel,
    toString(p.province_code) AS province_code,
    p.commune_code AS commune_code,
    p.title AS title,
    p.text AS text,
    p.ingest_run_id AS ingest_run_id,
    p.petition_id IN (
        SELECT item_id FROM nlp_labels
        WHERE item_kind = 'petition' AND model_version = {version:String} AND item_id IN {ids:Array(String)}
    ) AS labelled,
    p.petition_id IN (
        SELECT petition_id FROM petition_events
        WHERE status = 'received' AND petition_id IN {ids:Array(String)}
    ) AS received_event
FROM petitions AS p FINAL
WHERE p.petition_id IN {ids:Array(String)}
