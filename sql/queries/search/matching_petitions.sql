-- matching_petitions: full-text search over the petitions of a subtree and period: petitions whose title or text holds
-- every search term, compared without diacritics and case, newest first; their holders now and labels come from
-- sql/queries/search/petition_holders.sql and item_labels.sql. The text comes back cut to text_chars; the caller masks
-- it for users of other units. Never a contact.
-- Reads: petitions (the place prefix and the period's partitions; texts folded as they are read).
-- Parameters:
--   province_code  String                        '' = national; else this province
--   commune_code   String                        '' = the whole province; else this commune
--   from_time      DateTime('Asia/Ho_Chi_Minh')  the period's first moment
--   to_time        DateTime('Asia/Ho_Chi_Minh')  the moment after it
--   terms          Array(String)                 a regular expression (RE2) per term, over the folded text; all must match
--   text_chars     UInt32                        characters of text returned
--   page_size      UInt32                        rows returned at most
-- Columns (newest first): id String, at String (Vietnam time), channel String, province_code String,
--   commune_code String, title String, text String (cut), first_holder String (the unit first charged with it),
--   total UInt64 (petitions found in all)
SELECT
    p.petition_id AS id,
    toString(p.received_at) AS at,
    toString(p.channel) AS channel,
    toString(p.province_code) AS province_code,
    p.commune_code AS commune_code,
    p.title AS title,
    leftUTF8(p.text, {text_chars:UInt32}) AS text,
    p.handling_unit_code AS first_holder,
    count() OVER () AS total
FROM petitions AS p
WHERE ({province_code:String} = '' OR p.province_code = {province_code:String})
  AND ({commune_code:String} = '' OR p.commune_code = {commune_code:String})
  AND p.received_at >= {from_time:DateTime('Asia/Ho_Chi_Minh')} AND p.received_at < {to_time:DateTime('Asia/Ho_Chi_Minh')}
  AND arrayAll(t -> match(fp_fold_nfc(concat(p.title, ' ', p.text)), t), {terms:Array(String)})
ORDER BY p.received_at DESC, p.petition_id DESC
LIMIT {page_size:UInt32}
