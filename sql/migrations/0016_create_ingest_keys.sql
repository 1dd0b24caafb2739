-- The natural keys of stored petitions and opinion posts, with where each record sits in its table (place and time:
-- the table's sort key) and the run that stored it. Ingestion looks a batch's keys up here, then reads the stored
-- records by their full sort key: the cost of a look-up stays the same however large the tables grow, where a look-up
-- by id alone (a bloom filter keeps almost every granule for 10,000 ids) read every stored record under FINAL.
-- Fed by materialized views, so every writer (ingestion, the demo, tests) keys what it stores.

-- ReplacingMergeTree ORDER BY (kind, key, ingest_run_id): one row per key and run; a post stored again with new counts
-- keeps its place and time, and the run of each version is kept (a look-up checks labels for unfinished runs only).
-- index_granularity 1024: read as point look-ups, so a small granule reads less around each key.
CREATE TABLE IF NOT EXISTS ingest_keys
(
    kind          LowCardinality(String) COMMENT 'petitions, opinion_posts',
    key           String COMMENT 'petition_id, post_id',
    province_code LowCardinality(String),
    commune_code  String,
    occurred_at   DateTime('Asia/Ho_Chi_Minh') COMMENT 'received_at of a petition, published_at of a post',
    ingest_run_id String
)
ENGINE = ReplacingMergeTree
ORDER BY (kind, key, ingest_run_id)
SETTINGS index_granularity = 1024;

CREATE MATERIALIZED VIEW IF NOT EXISTS ingest_keys_petitions_mv TO ingest_keys AS
SELECT 'petitions' AS kind, petition_id AS key, province_code, commune_code, received_at AS occurred_at, ingest_run_id
FROM petitions;

CREATE MATERIALIZED VIEW IF NOT EXISTS ingest_keys_posts_mv TO ingest_keys AS
SELECT 'opinion_posts' AS kind, post_id AS key, province_code, commune_code, published_at AS occurred_at, ingest_run_id
FROM opinion_posts;

-- The records stored before this table existed.
INSERT INTO ingest_keys
SELECT 'petitions' AS kind, petition_id AS key, province_code, commune_code, received_at AS occurred_at, ingest_run_id
FROM petitions;

INSERT INTO ingest_keys
SELECT 'opinion_posts' AS kind, post_id AS key, province_code, commune_code, published_at AS occurred_at, ingest_run_id
FROM opinion_posts;
