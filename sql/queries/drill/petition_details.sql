-- petition_details: what the petitions of one drill-through page say. Everyone gets the title and a short excerpt with
-- its digits masked (phone and ID numbers); the full text, which may quote names, and the sealed contact only come for
-- the ids in `readable`: those the caller's unit handles (analytics/access/scope.ts mayReadContact decides which).
-- Reads: petitions (the page's rows only: the place prefix, the period's partitions and the id index), petition_events
-- (the page's histories, for the status in force at state_at).
-- Parameters:
--   province_code  String                             the unit's filter, as for the page: '' = not filtered
--   commune_code   String
--   village_code   String
--   received_from  DateTime('Asia/Ho_Chi_Minh')       the page's period
--   received_to    DateTime('Asia/Ho_Chi_Minh')
--   state_at       DateTime('Asia/Ho_Chi_Minh')       the status is the last one before this moment
--   ids            Array(String)                      the page's petitions
--   readable       Array(String)                      of them, those whose text and contact may be read
--   excerpt_chars  UInt32                             characters of text in the excerpt
-- Columns:
--   petition_id String, title String, excerpt String (digits masked, "…" when cut), text String ('' unless readable),
--   contact_sealed String ('' unless readable; AES-GCM, analytics/privacy/seal.ts), consent_contact UInt8,
--   status String (the last status by state_at; '' when no event came before it)
SELECT
    p.petition_id AS petition_id,
    p.title AS title,
    concat(replaceRegexpAll(leftUTF8(p.text, {excerpt_chars:UInt32}), '[0-9]', '•'),
        if(lengthUTF8(p.text) > {excerpt_chars:UInt32}, '…', '')) AS excerpt,
    if(has({readable:Array(String)}, p.petition_id), p.text, '') AS text,
    if(has({readable:Array(String)}, p.petition_id), p.contact_sealed, '') AS contact_sealed,
    p.consent_contact AS consent_contact,
    ifNull(s.status, '') AS status
FROM petitions AS p
LEFT JOIN
(
    SELECT e.petition_id AS petition_id, argMax(e.status, e.event_at) AS status
    FROM petition_events AS e
    WHERE ({province_code:String} = '' OR e.province_code = {province_code:String})
      AND ({commune_code:String} = '' OR e.commune_code = {commune_code:String})
      AND e.petition_id IN {ids:Array(String)}
      AND e.event_at < {state_at:DateTime('Asia/Ho_Chi_Minh')}
    GROUP BY e.petition_id
) AS s ON s.petition_id = p.petition_id
WHERE ({province_code:String} = '' OR p.province_code = {province_code:String})
  AND ({commune_code:String} = '' OR p.commune_code = {commune_code:String})
  AND ({village_code:String} = '' OR p.village_code = {village_code:String})
  AND p.received_at >= {received_from:DateTime('Asia/Ho_Chi_Minh')}
  AND p.received_at < {received_to:DateTime('Asia/Ho_Chi_Minh')}
  AND p.petition_id IN {ids:Array(String)}
SETTINGS join_use_nulls = 1
