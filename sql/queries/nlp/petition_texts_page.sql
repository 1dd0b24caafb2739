-- petition_texts_page: one page of petitions with what labelling needs, after a key, in sort-key order
-- (keyset paging: each page starts where the last ended, so a million texts are read page by page).
-- Reads: petitions (raw; texts are not in any rollup).
-- Parameters:
--   after_province  String    sort key of the last row of the previous page ('' for the first page)
--   after_commune   String
--   after_time      DateTime
--   after_id        String
--   page_size       UInt32    rows per page
-- Columns:
--   item_id String, text String, occurred_at DateTime, province_code String, commune_code String, channel String
SELECT petition_id AS item_id, concat(title, '. ', text) AS text, received_at AS occurred_at, province_code, commune_code, channel
FROM petitions
WHERE (province_code, commune_code, received_at, petition_id) > ({after_province:String}, {after_commune:String}, {after_time:DateTime}, {after_id:String})
ORDER BY province_code, commune_code, received_at, petition_id
LIMIT {page_size:UInt32}
