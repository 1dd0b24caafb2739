-- matching_posts: full-text search over the opinion posts of a subtree and period: posts whose text holds every
-- search term, compared without diacritics and case ("lu lut" finds "lũ lụt"), newest first, with their labels of the
-- active version. The text comes back cut to text_chars for the excerpt; the author never.
-- Reads: opinion_posts FINAL (the place prefix and the period's partitions; texts folded as they are read),
-- app_meta and nlp_labels (the labels of the posts found).
-- Parameters:
--   province_code  String                        '' = national; else this province
--   commune_code   String                        '' = the whole province; else this commune
--   from_time      DateTime('Asia/Ho_Chi_Minh')  the period's first moment
--   to_time        DateTime('Asia/Ho_Chi_Minh')  the moment after it
--   terms          Array(String)                 a regular expression (RE2) per term, over the folded text; all must match
--   active_key     String                        the app_meta key of the active label version
--   text_chars     UInt32                        characters of text returned
--   page_size      UInt32                        rows returned at most
-- Columns (newest first): id String, at String (Vietnam time), source String, source_name String, url String,
--   province_code String, commune_code String, text String (cut), topic String ('' = not labelled), sentiment String,
--   total UInt64 (posts found in all, before the page is cut)
WITH
    (SELECT argMax(m.value, m.updated_at) FROM app_meta AS m WHERE m.key = {active_key:String}) AS label_version,
    found AS
    (
        SELECT p.post_id AS id, p.published_at AS published_at, toString(p.source) AS source, p.source_name AS source_name,
            p.url AS url, toString(p.province_code) AS province_code, p.commune_code AS commune_code,
            leftUTF8(p.text, {text_chars:UInt32}) AS text, fp_fold(p.text) AS folded
        FROM opinion_posts AS p FINAL
        WHERE ({province_code:String} = '' OR p.province_code = {province_code:String})
          AND ({commune_code:String} = '' OR p.commune_code = {commune_code:String})
          AND p.published_at >= {from_time:DateTime('Asia/Ho_Chi_Minh')} AND p.published_at < {to_time:DateTime('Asia/Ho_Chi_Minh')}
          AND arrayAll(t -> match(folded, t), {terms:Array(String)})
    ),
    page AS (SELECT * EXCEPT (folded), count() OVER () AS total FROM found ORDER BY published_at DESC, id DESC LIMIT {page_size:UInt32})
SELECT
    pg.id AS id, toString(pg.published_at) AS at, pg.source AS source, pg.source_name AS source_name, pg.url AS url,
    pg.province_code AS province_code, pg.commune_code AS commune_code, pg.text AS text,
    ifNull(l.topic, '') AS topic, ifNull(l.sentiment, '') AS sentiment, pg.total AS total
FROM page AS pg
LEFT ANY JOIN
(
    SELECT n.item_id AS item_id, toString(n.topic) AS topic, toString(n.sentiment) AS sentiment
    FROM nlp_labels AS n
    WHERE n.model_version = label_version AND n.item_kind = 'post' AND n.item_id IN (SELECT id FROM page)
) AS l ON l.item_id = pg.id
ORDER BY pg.published_at DESC, pg.id DESC
SETTINGS join_use_nulls = 1
