-- petitions_held_elsewhere: the petitions whose matter lies outside a province or commune but which one of its units
-- held at state_at or holds now (transferred to a commune of another province, or joined to a mass case held there).
-- Their holder must reach them: sql/queries/drill/petition_rows.sql and sql/queries/search/matching_petitions.sql take
-- them beside the petitions of the unit's places (issue: a petition transferred to another province's commune was
-- listed by nobody who could read it). Usually none, or a few.
-- Every petition's history starts with a "received" event naming its first holder, so each holder is named by an
-- event: the petitions are looked for among the events from the period on that name a unit of the subtree.
-- Reads: units (the subtree's units that may hold a petition: the province and its communes, or the commune),
-- petition_events (the period's partitions, for events naming them; then those petitions' histories by their key).
-- Parameters:
--   province_code  String                             the province; '' = national (none: the places take them all)
--   commune_code   String                             '' = the whole province; else this commune
--   received_from  DateTime('Asia/Ho_Chi_Minh')       the period's first moment (events come from a day before it on)
--   state_at       DateTime('Asia/Ho_Chi_Minh')       the period's end, or now if sooner: the holder then, or now
-- Columns: province_code String, commune_code String, petition_id String (the petition's own place and id)
WITH
    holding_units AS
    (
        SELECT u.code AS code
        FROM units AS u
        WHERE {province_code:String} != ''
          AND u.province_code = {province_code:String}
          AND ({commune_code:String} = '' OR u.code = {commune_code:String})
          AND u.level IN ('province', 'commune')
    ),
    named AS
    (
        SELECT e.province_code, e.commune_code, e.petition_id
        FROM petition_events AS e
        WHERE {province_code:String} != ''
          AND e.unit_code IN holding_units
          AND e.event_at >= {received_from:DateTime('Asia/Ho_Chi_Minh')} - INTERVAL 1 DAY
          AND NOT (e.province_code = {province_code:String} AND ({commune_code:String} = '' OR e.commune_code = {commune_code:String}))
    )
SELECT toString(h.province_code) AS province_code, h.commune_code AS commune_code, h.petition_id AS petition_id
FROM petition_events AS h
WHERE (h.province_code, h.commune_code, h.petition_id) IN named
GROUP BY h.province_code, h.commune_code, h.petition_id
HAVING argMax(h.unit_code, h.event_at) IN holding_units
    OR argMaxIf(h.unit_code, h.event_at, h.event_at < {state_at:DateTime('Asia/Ho_Chi_Minh')}) IN holding_units
