-- post_texts_page: one page of opinion posts with what labelling needs, after a key, in sort-key order (keyset paging).
-- Reads: opinion_posts (raw).
-- Parameters:
--   after_province  String    sort key of the last row of the previous page ('' for the first page)
--   after_commune   String
--   after_time      DateTime
--   after_id        String
--   page_size       UInt32    rows per page
-- Columns:
--   item_id String, text String, occurred_at DateTime, province_code String, commune_code String, channel String
SELECT post_id AS item_id, text, published_at AS occurred_at, province_code, commune_code, source AS channel
FROM opinion_posts
WHERE (province_code, commune_code, published_at, post_id) > ({after_province:String}, {after_commune:String}, {after_time:DateTime}, {after_id:String})
ORDER BY province_code, commune_code, published_at, post_id
LIMIT {page_size:UInt32}
