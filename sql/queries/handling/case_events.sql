-- case_events: the history of one petition, oldest first: every status event with who, when, why.
-- Reads: petition_events by its sort key (province, commune, petition).
-- Parameters:
--   province_code  String  where the matter is (as routed)
--   commune_code   String
--   petition_id    String
-- Columns: event_id String, event_at String (Vietnam time, ms), status String, unit_code String, handling_level String,
--   due_at String, actor String (user id or "system"), note String, partner String
SELECT
    e.event_id AS event_id,
    toString(e.event_at) AS event_at,
    toString(e.status) AS status,
    e.unit_code AS unit_code,
    toString(e.handling_level) AS handling_level,
    toString(e.due_at) AS due_at,
    e.actor AS actor,
    e.note AS note,
    e.partner AS partner
FROM petition_events AS e FINAL
WHERE e.province_code = {province_code:String} AND e.commune_code = {commune_code:String} AND e.petition_id = {petition_id:String}
ORDER BY e.event_at, e.event_id
