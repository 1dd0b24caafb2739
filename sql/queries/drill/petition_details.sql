-- petition_details: what the petitions of one drill-through page say. Everyone gets the title and a short excerpt with
-- their digits masked (phone and ID numbers, which citizens write in titles too, as search shows them); the full text,
-- which may quote names, the title whole and the sealed contact only come for the ids in `readable`: those the caller's
-- unit handles (analytics/access/scope.ts mayReadContact decides which).
-- Reads: petitions (the page's rows only: their places, the period's partitions and the id index), petition_events
-- (the page's histories, for the status in force at state_at).
-- Parameters:
--   provinces      Array(String)                      the page's petitions' provinces (a petition held from elsewhere
--   communes       Array(String)                      lies outside the unit asked for) and communes
--   received_from  DateTime('Asia/Ho_Chi_Minh')       the page's period
--   received_to    DateTime('Asia/Ho_Chi_Minh')
--   state_at       DateTime('Asia/Ho_Chi_Minh')       the status is the last one before this moment
--   ids            Array(String)                      the page's petitions
--   readable       Array(String)                      of them, those whose text and contact may be read
--   excerpt_chars  UInt32                             characters of text in the excerpt
-- Columns:
--   petition_id String, title String (digits masked unless readable), excerpt String (digits masked, "…" when cut),
--   text String ('' unless readable), contact_sealed String ('' unless readable; AES-GCM, analytics/privacy/seal.ts),
--   consent_contact UInt8,
--   status String (the last status by state_at; '' when no event came before it)
SELECT
    p.petition_id AS petition_id,
    if(has({readable:Array(String)}, p.petition_id), p.title, replaceRegexpAll(p.title, '[0-9]', '•')) AS title,
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
    WHERE e.province_code IN {provinces:Array(String)} AND e.commune_code IN {communes:Array(String)}
      AND e.petition_id IN {ids:Array(String)}
      AND e.event_at < {state_at:DateTime('Asia/Ho_Chi_Minh')}
    GROUP BY e.petition_id
) AS s ON s.petition_id = p.petition_id
WHERE p.province_code IN {provinces:Array(String)} AND p.commune_code IN {communes:Array(String)}
  AND p.received_at >= {received_from:DateTime('Asia/Ho_Chi_Minh')}
  AND p.received_at < {received_to:DateTime('Asia/Ho_Chi_Minh')}
  AND p.petition_id IN {ids:Array(String)}
SETTINGS join_use_nulls = 1
