-- matching_posts: full-text search over the opinion posts of a subtree and period: posts whose text holds every
-- search term, compared without diacritics and case ("lu lut" finds "lũ lụt"), newest first; their labels come from
-- sql/queries/search/item_labels.sql. The text comes back as everyone is shown it (its phones and ID numbers masked:
-- fp_mask_long_numbers), cut to text_chars for the excerpt; the author never. A query with a digit matches that text,
-- so that a masked phone cannot be found.
-- TRICKY: one scan, no CTE read twice: ClickHouse inlines a CTE at each use, and this scan is the whole cost.
-- Reads: opinion_posts FINAL (the place prefix and the period's partitions; texts folded as they are read).
-- Parameters:
--   province_code  String                        '' = national; else this province
--   commune_code   String                        '' = the whole province; else this commune
--   from_time      DateTime('Asia/Ho_Chi_Minh')  the period's first moment
--   to_time        DateTime('Asia/Ho_Chi_Minh')  the moment after it
--   terms          Array(String)                 a regular expression (RE2) per term, over the folded text; all must match
--   digit_terms    UInt8                         1 when a term holds a digit: terms then match the text as shown
--   text_chars     UInt32                        characters of text returned
--   page_size      UInt32                        rows returned at most
-- Columns (newest first): id String, at String (Vietnam time), source String, source_name String, url String,
--   province_code String, commune_code String, text String (cut), total UInt64 (posts found in all, before the page
--   is cut)
SELECT
    p.post_id AS id,
    toString(p.published_at) AS at,
    toString(p.source) AS source,
    p.source_name AS source_name,
    p.url AS url,
    toString(p.province_code) AS province_code,
    p.commune_code AS commune_code,
    -- Masked before it is cut: a phone cut in two at the end would be too short to be masked. Masked on the start of the
    -- text only (every match passes here): 32 characters past the cut, a number crossing it keeps nine digits at least.
    leftUTF8(fp_mask_long_numbers(leftUTF8(p.text, {text_chars:UInt32} + 32)), {text_chars:UInt32}) AS text,
    count() OVER () AS total
FROM opinion_posts AS p FINAL
WHERE ({province_code:String} = '' OR p.province_code = {province_code:String})
  AND ({commune_code:String} = '' OR p.commune_code = {commune_code:String})
  AND p.published_at >= {from_time:DateTime('Asia/Ho_Chi_Minh')} AND p.published_at < {to_time:DateTime('Asia/Ho_Chi_Minh')}
  AND arrayAll(t -> match(fp_fold_nfc(if({digit_terms:UInt8} = 1, fp_mask_long_numbers(p.text), p.text)), t), {terms:Array(String)})
ORDER BY p.published_at DESC, p.post_id DESC
LIMIT {page_size:UInt32}
