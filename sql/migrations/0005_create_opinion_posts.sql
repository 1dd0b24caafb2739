-- Public opinion in the digital environment: posts and comments collected from social networks, news and forums.

-- ReplacingMergeTree(collected_at): the same post collected again (a later crawl, an overlapping feed) stays one row.
-- PARTITION BY month, ORDER BY place then time: trends are asked per subtree and period; posts without a known place sort first ('').
CREATE TABLE IF NOT EXISTS opinion_posts
(
    post_id       String COMMENT 'id in the source, or a hash of the link',
    source        LowCardinality(String) COMMENT 'facebook, zalo, tiktok, youtube, news, forum, rss',
    source_name   String COMMENT 'page, group or site',
    url           String,
    author_handle String COMMENT 'PERSONAL: public name or handle of the author',
    text          String,
    published_at  DateTime('Asia/Ho_Chi_Minh'),
    province_code LowCardinality(String) DEFAULT '' COMMENT 'place given by the source; empty when unknown',
    commune_code  String DEFAULT '',
    likes         UInt32 DEFAULT 0,
    shares        UInt32 DEFAULT 0,
    comments      UInt32 DEFAULT 0,
    ingest_run_id String,
    collected_at  DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(collected_at)
PARTITION BY toYYYYMM(published_at)
ORDER BY (province_code, commune_code, published_at, post_id);
