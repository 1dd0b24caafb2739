-- case_states: the current state of petitions that came through the public form: some petitions, with every
-- petition of their mass cases (a case is handled as one).
-- Reads: petition_routing FINAL (the intake's petitions: place, case, topic), petition_status (each petition's history
-- folded) by its sort key.
-- Parameters:
--   ids  Array(String)  petition ids; a case's first petition brings its members, a member brings nothing more
-- Columns: petition_id String, tracking_code String, case_id String ('' = its own case, or the case's first petition),
--   province_code String, commune_code String, topic String, status String, unit_code String (the holder),
--   handling_level String, due_at String (Vietnam time), received_at String, last_event_at String (ms),
--   answered_at Nullable(String), closed_at Nullable(String)
WITH routed AS
(
    SELECT r.petition_id AS petition_id, r.tracking_code AS tracking_code, r.case_id AS case_id,
        toString(r.province_code) AS province_code, r.commune_code AS commune_code, toString(r.topic) AS topic
    FROM petition_routing AS r FINAL
    WHERE r.petition_id IN {ids:Array(String)} OR r.case_id IN {ids:Array(String)}
)
SELECT
    r.petition_id AS petition_id,
    any(r.tracking_code) AS tracking_code,
    any(r.case_id) AS case_id,
    any(r.province_code) AS province_code,
    any(r.commune_code) AS commune_code,
    any(r.topic) AS topic,
    toString(argMaxMerge(s.status)) AS status,
    argMaxMerge(s.unit_code) AS unit_code,
    toString(argMaxMerge(s.handling_level)) AS handling_level,
    toString(argMaxMerge(s.due_at)) AS due_at,
    toString(min(s.received_at)) AS received_at,
    toString(max(s.last_event_at)) AS last_event_at,
    toString(min(s.answered_at)) AS answered_at,
    toString(min(s.closed_at)) AS closed_at
FROM petition_status AS s
INNER JOIN routed AS r ON r.petition_id = s.petition_id
WHERE (s.province_code, s.commune_code, s.petition_id) IN (SELECT province_code, commune_code, petition_id FROM routed)
GROUP BY r.petition_id
ORDER BY received_at, petition_id
