-- term_texts: a few texts of a week that hold each of the given terms, for showing a folded term as it is written
-- ("ca chet" → "cá chết", analytics/nlp/keywords.ts writtenForm). The texts are read here, never returned by the API.
-- Reads: nlp_labels for the week's texts holding the terms; opinion_posts and petitions for those texts only.
-- Parameters:
--   model_version   String         the label version the dashboards read
--   with_petitions  UInt8          0 = posts only; 1 = posts and petitions
--   province_code   String         '' = national; else this province
--   commune_code    String         '' = the whole province; else only this commune
--   week_start      Date           Monday of the week
--   terms           Array(String)  the folded terms
--   per_term        UInt8          texts wanted for each term
-- Columns: term String, text String
WITH
    {week_start:Date} AS this_week,
    {province_code:String} AS in_province,
    {commune_code:String} AS in_commune,
    found AS (
        SELECT term AS term, l.item_kind AS item_kind, l.item_id AS item_id
        FROM nlp_labels AS l
        ARRAY JOIN arrayIntersect(l.terms, {terms:Array(String)}) AS term
        WHERE l.model_version = {model_version:String}
          AND (l.item_kind = 'post' OR ({with_petitions:UInt8} = 1 AND l.item_kind = 'petition'))
          AND (in_province = '' OR l.province_code = in_province)
          AND (in_commune = '' OR l.commune_code = in_commune)
          AND toDate(l.occurred_at) BETWEEN this_week AND this_week + 6
          AND hasAny(l.terms, {terms:Array(String)})
        LIMIT {per_term:UInt8} BY term
    )
SELECT f.term AS term, p.text AS text
FROM opinion_posts AS p
INNER JOIN found AS f ON f.item_id = p.post_id AND f.item_kind = 'post'
WHERE (in_province = '' OR p.province_code = in_province)
  AND (in_commune = '' OR p.commune_code = in_commune)
  AND toDate(p.published_at) BETWEEN this_week AND this_week + 6
UNION ALL
SELECT f.term AS term, q.text AS text
FROM petitions AS q
INNER JOIN found AS f ON f.item_id = q.petition_id AND f.item_kind = 'petition'
WHERE {with_petitions:UInt8} = 1
  AND (in_province = '' OR q.province_code = in_province)
  AND (in_commune = '' OR q.commune_code = in_commune)
  AND toDate(q.received_at) BETWEEN this_week AND this_week + 6
