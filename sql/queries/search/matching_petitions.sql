-- matching_petitions: full-text search over the petitions of a subtree and period: petitions whose title or text holds
-- every search term, compared without diacritics and case, newest first, with the holder now and the labels of the
-- active version. The text comes back cut to text_chars; the caller masks it for users of other units. Never a contact.
-- Reads: petitions (the place prefix and the period's partitions; texts folded as they are read), petition_status
-- (the holder now), app_meta and nlp_labels (the labels of the petitions found).
-- Parameters:
--   province_code  String                        '' = national; else this province
--   commune_code   String                        '' = the whole province; else this commune
--   from_time      DateTime('Asia/Ho_Chi_Minh')  the period's first moment
--   to_time        DateTime('Asia/Ho_Chi_Minh')  the moment after it
--   terms          Array(String)                 a regular expression (RE2) per term, over the folded text; all must match
--   active_key     String                        the app_meta key of the active label version
--   text_chars     UInt32                        characters of text returned
--   page_size      UInt32                        rows returned at most
-- Columns (newest first): id String, at String (Vietnam time), channel String, province_code String,
--   commune_code String, title String, text String (cut), holder String (the unit holding it now), topic String,
--   sentiment String, total UInt64 (petitions found in all)
WITH
    (SELECT argMax(m.value, m.updated_at) FROM app_meta AS m WHERE m.key = {active_key:String}) AS label_version,
    found AS
    (
        SELECT p.petition_id AS id, p.received_at AS received_at, toString(p.channel) AS channel,
            toString(p.province_code) AS province_code, p.commune_code AS commune_code, p.title AS title,
            leftUTF8(p.text, {text_chars:UInt32}) AS text, p.handling_unit_code AS first_holder,
            fp_fold(concat(p.title, ' ', p.text)) AS folded
        FROM petitions AS p
        WHERE ({province_code:String} = '' OR p.province_code = {province_code:String})
          AND ({commune_code:String} = '' OR p.commune_code = {commune_code:String})
          AND p.received_at >= {from_time:DateTime('Asia/Ho_Chi_Minh')} AND p.received_at < {to_time:DateTime('Asia/Ho_Chi_Minh')}
          AND arrayAll(t -> match(folded, t), {terms:Array(String)})
    ),
    page AS (SELECT * EXCEPT (folded), count() OVER () AS total FROM found ORDER BY received_at DESC, id DESC LIMIT {page_size:UInt32})
SELECT
    pg.id AS id, toString(pg.received_at) AS at, pg.channel AS channel, pg.province_code AS province_code,
    pg.commune_code AS commune_code, pg.title AS title, pg.text AS text, ifNull(h.holder, pg.first_holder) AS holder,
    ifNull(l.topic, '') AS topic, ifNull(l.sentiment, '') AS sentiment, pg.total AS total
FROM page AS pg
LEFT ANY JOIN
(
    SELECT s.petition_id AS petition_id, argMaxMerge(s.unit_code) AS holder
    FROM petition_status AS s
    WHERE (s.province_code, s.commune_code, s.petition_id) IN (SELECT province_code, commune_code, id FROM page)
    GROUP BY s.petition_id
) AS h ON h.petition_id = pg.id
LEFT ANY JOIN
(
    SELECT n.item_id AS item_id, toString(n.topic) AS topic, toString(n.sentiment) AS sentiment
    FROM nlp_labels AS n
    WHERE n.model_version = label_version AND n.item_kind = 'petition' AND n.item_id IN (SELECT id FROM page)
) AS l ON l.item_id = pg.id
ORDER BY pg.received_at DESC, pg.id DESC
SETTINGS join_use_nulls = 1
