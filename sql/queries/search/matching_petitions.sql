-- matching_petitions: full-text search over the petitions of a subtree and period: petitions whose title or text holds
-- every search term, compared without diacritics and case, newest first; their labels come from
-- sql/queries/search/item_labels.sql. The petitions of the subtree are those of its places, and those a unit of it
-- holds though their matter lies elsewhere (held_*, from sql/queries/drill/petitions_held_elsewhere.sql). Never a contact.
-- What is matched is what the reader is shown: a petition's title and text whole for the users of the unit holding it
-- now (reader_unit), else with every digit masked (•), as drill-through excerpts are. So a phone or ID number quoted in
-- the text can be neither found, nor marked, nor counted in `total` by someone shown it masked (issue: "0912",
-- "091234", "0912345678" confirmed a masked number digit by digit, the highlight falling on the masked range).
-- TRICKY: masking every text of the period before folding it doubled the national search's time. The masked text is
-- matched instead by patterns made for it over the text as written (analytics/questions/search.ts maskedTermPattern):
-- where a masked digit stands, the patterns see "not a letter", which is all a masked digit is to them; a term holding a
-- digit matches no masked text (masked_match = 0). Only the rows returned are masked, for display.
-- reader_unit is analytics/access/scope.ts contactReaderUnit: the user's home unit if their role handles petitions.
-- Reads: petition_events (events naming reader_unit, by the place prefix and the period's partitions), petition_status
-- (the holder now of those petitions), petitions (the place prefix and the period's partitions; texts folded as they
-- are read).
-- Parameters:
--   province_code   String                        '' = national; else this province
--   commune_code    String                        '' = the whole province; else this commune
--   village_code    String                        '' = the whole commune; else this village
--   held_provinces  Array(String)                 the petitions held from elsewhere: their provinces,
--   held_communes   Array(String)                 communes
--   held_ids        Array(String)                 and ids ([] = none)
--   from_time       DateTime('Asia/Ho_Chi_Minh')  the period's first moment
--   to_time         DateTime('Asia/Ho_Chi_Minh')  the moment after it
--   reader_unit     String                        the unit whose users see whole what it holds now ('' = nobody)
--   terms           Array(String)                 a regular expression (RE2) per term, over the folded text; all must match
--   masked_terms    Array(String)                 the same terms' patterns for the text shown masked, over the folded text
--   masked_match    UInt8                         0 when a term holds a digit: no masked text can match
--   text_chars      UInt32                        characters of text returned
--   page_size       UInt32                        rows returned at most
-- Columns (newest first): id String, at String (Vietnam time), channel String, province_code String,
--   commune_code String, unmasked UInt8 (1 = reader_unit holds it now), title String and text String (cut to
--   text_chars) as the reader is shown them: digits masked unless unmasked, total UInt64 (petitions found in all)
WITH
    -- The petitions reader_unit holds now, among those whose history names it.
    readable AS
    (
        SELECT s.petition_id AS petition_id
        FROM petition_status AS s
        WHERE (s.province_code, s.commune_code, s.petition_id) IN
        (
            SELECT e.province_code, e.commune_code, e.petition_id
            FROM petition_events AS e
            WHERE {reader_unit:String} != '' AND e.unit_code = {reader_unit:String}
              AND e.event_at >= {from_time:DateTime('Asia/Ho_Chi_Minh')} - INTERVAL 1 DAY
              AND ((({province_code:String} = '' OR e.province_code = {province_code:String})
                    AND ({commune_code:String} = '' OR e.commune_code = {commune_code:String}))
                   OR (e.province_code IN {held_provinces:Array(String)} AND e.commune_code IN {held_communes:Array(String)}
                    AND e.petition_id IN {held_ids:Array(String)}))
        )
        GROUP BY s.petition_id
        HAVING argMaxMerge(s.unit_code) = {reader_unit:String}
    )
SELECT
    p.petition_id AS id,
    toString(p.received_at) AS at,
    toString(p.channel) AS channel,
    toString(p.province_code) AS province_code,
    p.commune_code AS commune_code,
    p.petition_id IN readable AS unmasked,
    if(unmasked, p.title, translateUTF8(p.title, '0123456789', '••••••••••')) AS title,
    leftUTF8(if(unmasked, p.text, translateUTF8(p.text, '0123456789', '••••••••••')), {text_chars:UInt32}) AS text,
    count() OVER () AS total
FROM petitions AS p
WHERE ((({province_code:String} = '' OR p.province_code = {province_code:String})
        AND ({commune_code:String} = '' OR p.commune_code = {commune_code:String})
        AND ({village_code:String} = '' OR p.village_code = {village_code:String}))
       OR (p.province_code IN {held_provinces:Array(String)} AND p.commune_code IN {held_communes:Array(String)}
        AND p.petition_id IN {held_ids:Array(String)}))
  AND p.received_at >= {from_time:DateTime('Asia/Ho_Chi_Minh')} AND p.received_at < {to_time:DateTime('Asia/Ho_Chi_Minh')}
  AND (unmasked OR {masked_match:UInt8})
  AND arrayAll(t -> match(fp_fold_nfc(concat(p.title, ' ', p.text)), t), if(unmasked, {terms:Array(String)}, {masked_terms:Array(String)}))
ORDER BY p.received_at DESC, p.petition_id DESC
LIMIT {page_size:UInt32}
