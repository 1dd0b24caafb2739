-- post_rows: the opinion posts behind an opinion figure, a page at a time, newest first: the posts of a subtree
-- published in a period as the active label version counts them (the opinion figures read the same labels), narrowed by
-- source, topic and sentiment. The place is the one the source gives (posts without one only show nationally).
-- Keys and labels only: sql/queries/drill/post_details.sql reads the link and the excerpt for the page's rows.
-- Keyset paging: each page starts after the (published_at, post_id) of the last row of the page before.
-- Reads: app_meta (the active version), nlp_labels (that version's posts: the place prefix and the period).
-- Parameters:
--   active_key     String                        the app_meta key of the active label version (nlp.active_model_version)
--   province_code  String                        '' = national; else this province
--   commune_code   String                        '' = the whole province; else this commune
--   village_code   String                        '' ; a village: posts carry no village, so no rows
--   from_time      DateTime('Asia/Ho_Chi_Minh')  the period's (or the week's) first moment
--   to_time        DateTime('Asia/Ho_Chi_Minh')  the moment after it
--   sources        Array(String)                 [] = any
--   topics         Array(String)                 [] = any
--   sentiments     Array(String)                 [] = any
--   after_time     DateTime('Asia/Ho_Chi_Minh')  the last row of the page before (ignored when after_id is '')
--   after_id       String                        '' = the first page
--   page_size      UInt32                        rows to return
-- Columns (published_at descending, then post_id descending):
--   post_id String, published_at DateTime, source String, province_code String, commune_code String, topic String,
--   sentiment String
WITH (SELECT argMax(m.value, m.updated_at) FROM app_meta AS m WHERE m.key = {active_key:String}) AS label_version
SELECT
    l.item_id AS post_id,
    l.occurred_at AS published_at,
    l.channel AS source,
    l.province_code AS province_code,
    l.commune_code AS commune_code,
    l.topic AS topic,
    l.sentiment AS sentiment
FROM nlp_labels AS l
WHERE l.model_version = label_version AND l.item_kind = 'post' AND {village_code:String} = ''
  AND ({province_code:String} = '' OR l.province_code = {province_code:String})
  AND ({commune_code:String} = '' OR l.commune_code = {commune_code:String})
  AND l.occurred_at >= {from_time:DateTime('Asia/Ho_Chi_Minh')} AND l.occurred_at < {to_time:DateTime('Asia/Ho_Chi_Minh')}
  AND (empty({sources:Array(String)}) OR has({sources:Array(String)}, l.channel))
  AND (empty({topics:Array(String)}) OR has({topics:Array(String)}, l.topic))
  AND (empty({sentiments:Array(String)}) OR has({sentiments:Array(String)}, l.sentiment))
  AND ({after_id:String} = '' OR (l.occurred_at, l.item_id) < ({after_time:DateTime('Asia/Ho_Chi_Minh')}, {after_id:String}))
-- No LIMIT 1 BY against a label written twice before its merge: it would sort the whole period (10x the time);
-- analytics/questions/drill.ts drops such a repeat from the page instead.
ORDER BY l.occurred_at DESC, l.item_id DESC
LIMIT {page_size:UInt32}
