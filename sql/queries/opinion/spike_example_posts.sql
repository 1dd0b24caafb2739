-- spike_example_posts: a few posts behind each spike, the most shared first: source, link, time and the start of the
-- text (its phones and ID numbers masked). Posts are public; their authors' handles are personal data and are not
-- read. Petitions are never shown.
-- Reads: nlp_labels for the posts of the week in the spikes' topics and places; opinion_posts for those posts only.
-- Parameters:
--   model_version   String         the label version the dashboards read
--   negative_only   UInt8          1 = negative posts only
--   province_code   String         '' = national (children are provinces); else this province (children are its communes)
--   commune_code    String         '' = the whole province; else only this commune
--   week_start      Date           Monday of the week
--   days            UInt8          days of the week counted, from Monday: 7 = the whole week
--   spike_topics    Array(String)  topic of each spike, '' = any
--   spike_children  Array(String)  child place of each spike (aligned with spike_topics), '' = anywhere in the unit
--   per_spike       UInt8          posts wanted for each spike
--   excerpt_chars   UInt16         characters of text kept
-- Columns:
--   spike UInt32 (1-based index into the spike arrays), post_id String, source String, url String,
--   published_at DateTime, excerpt String (phones and ID numbers masked), engagement UInt64 (likes + shares + comments)
WITH
    {week_start:Date} AS this_week,
    {province_code:String} AS in_province,
    {commune_code:String} AS in_commune,
    {spike_topics:Array(String)} AS topics,
    {spike_children:Array(String)} AS children,
    candidates AS (
        SELECT
            l.item_id AS item_id,
            arrayFilter(
                i -> (topics[i] = '' OR topics[i] = l.topic)
                    AND (children[i] = '' OR children[i] = if(in_province = '', l.province_code, l.commune_code)),
                arrayEnumerate(topics)) AS spikes
        FROM nlp_labels AS l
        WHERE l.model_version = {model_version:String}
          AND l.item_kind = 'post'
          AND ({negative_only:UInt8} = 0 OR l.sentiment = 'negative')
          AND (in_province = '' OR l.province_code = in_province)
          AND (in_commune = '' OR l.commune_code = in_commune)
          AND toDate(l.occurred_at) BETWEEN this_week AND this_week + 6
          AND toDayOfWeek(l.occurred_at) <= {days:UInt8}
          AND notEmpty(spikes)
    )
SELECT
    spike,
    p.post_id AS post_id,
    toString(p.source) AS source,
    p.url AS url,
    p.published_at AS published_at,
    -- As every user is shown a post: phones and ID numbers masked, before the text is cut.
    concat(leftUTF8(fp_mask_long_numbers(p.text), {excerpt_chars:UInt16}), if(lengthUTF8(p.text) > {excerpt_chars:UInt16}, '…', '')) AS excerpt,
    toUInt64(p.likes) + p.shares + p.comments AS engagement
FROM opinion_posts AS p
INNER JOIN candidates AS c ON c.item_id = p.post_id
ARRAY JOIN c.spikes AS spike
WHERE (in_province = '' OR p.province_code = in_province)
  AND (in_commune = '' OR p.commune_code = in_commune)
  AND toDate(p.published_at) BETWEEN this_week AND this_week + 6
ORDER BY spike, engagement DESC, post_id
LIMIT {per_spike:UInt8} BY spike
