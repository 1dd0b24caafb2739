-- post_details: the link and a short excerpt of the posts of one drill-through page, phones and ID numbers masked
-- (fp_mask_long_numbers: posts quote them too). The author's handle is never read.
-- Reads: opinion_posts (the page's rows only: the place prefix, the period's partitions and the id index).
-- Parameters:
--   province_code  String                        the unit's filter, as for the page: '' = not filtered
--   commune_code   String
--   from_time      DateTime('Asia/Ho_Chi_Minh')  the page's period
--   to_time        DateTime('Asia/Ho_Chi_Minh')
--   ids            Array(String)                 the page's posts
--   excerpt_chars  UInt32                        characters of text in the excerpt
-- Columns:
--   post_id String, source_name String, url String, excerpt String (long numbers masked, "…" when cut),
--   likes UInt32, shares UInt32, comments UInt32
SELECT
    p.post_id AS post_id,
    any(p.source_name) AS source_name,
    any(p.url) AS url,
    any(concat(leftUTF8(fp_mask_long_numbers(p.text), {excerpt_chars:UInt32}),
        if(lengthUTF8(p.text) > {excerpt_chars:UInt32}, '…', ''))) AS excerpt,
    max(p.likes) AS likes,
    max(p.shares) AS shares,
    max(p.comments) AS comments
FROM opinion_posts AS p
WHERE ({province_code:String} = '' OR p.province_code = {province_code:String})
  AND ({commune_code:String} = '' OR p.commune_code = {commune_code:String})
  AND p.published_at >= {from_time:DateTime('Asia/Ho_Chi_Minh')} AND p.published_at < {to_time:DateTime('Asia/Ho_Chi_Minh')}
  AND p.post_id IN {ids:Array(String)}
GROUP BY p.post_id
