-- stored_posts: the opinion posts stored under some ids, with what ingestion compares (the same post collected again
-- may only have new counts) and whether each has its label of a model version: checked only for posts stored by runs
-- that did not finish (a finished run labelled what it stored).
-- Reads: ingest_keys (by kind and id), then opinion_posts FINAL and nlp_labels by their sort keys, so the cost does
-- not grow with the tables; ingest_runs (the finished runs).
-- Parameters:
--   ids      Array(String)  post ids
--   version  String         the model version labelling at ingest
-- Columns:
--   post_id String, source String, url String, text String, published_at String, province_code String,
--   commune_code String, likes UInt32, shares UInt32, comments UInt32, ingest_run_id String, labelled UInt8
WITH
    stored AS (
        SELECT province_code, commune_code, occurred_at, key, ingest_run_id
        FROM ingest_keys
        WHERE kind = 'opinion_posts' AND key IN {ids:Array(String)}
    ),
    unfinished AS (
        SELECT province_code, commune_code, occurred_at, key
        FROM stored
        WHERE ingest_run_id NOT IN (SELECT run_id FROM ingest_runs WHERE status = 'done')
    )
SELECT
    p.post_id AS post_id,
    toString(p.source) AS source,
    p.url AS url,
    p.text AS text,
    toString(p.published_at) AS published_at,
    toString(p.province_code) AS province_code,
    p.commune_code AS commune_code,
    p.likes AS likes,
    p.shares AS shares,
    p.comments AS comments,
    p.ingest_run_id AS ingest_run_id,
    (p.province_code, p.commune_code, p.published_at, p.post_id) NOT IN (SELECT * FROM unfinished)
    OR (p.province_code, p.commune_code, p.published_at, p.post_id) IN (
        SELECT province_code, commune_code, occurred_at, item_id FROM nlp_labels
        WHERE item_kind = 'post' AND model_version = {version:String}
          AND (province_code, commune_code, occurred_at, item_id) IN (SELECT * FROM unfinished)
    ) AS labelled
FROM opinion_posts AS p FINAL
WHERE (p.province_code, p.commune_code, p.published_at, p.post_id) IN (
    SELECT province_code, commune_code, occurred_at, key FROM stored
)
