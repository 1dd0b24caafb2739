-- stored_posts: the opinion posts stored under some ids, with what ingestion compares (the same post collected again
-- may only have new counts) and whether each has its label of a model version.
-- Reads: opinion_posts FINAL, nlp_labels (only for the ids, through their id indexes).
-- Parameters:
--   ids      Array(String)  post ids
--   version  String         the model version labelling at ingest
-- Columns:
--   post_id String, source String, url String, text String, published_at String, province_code String,
--   commune_code String, likes UInt32, shares UInt32, comments UInt32, ingest_run_id String, labelled UInt8
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
    p.post_id IN (
        SELECT item_id FROM nlp_labels
        WHERE item_kind = 'post' AND model_version = {version:String} AND item_id IN {ids:Array(String)}
    ) AS labelled
FROM opinion_posts AS p FINAL
WHERE p.post_id IN {ids:Array(String)}
