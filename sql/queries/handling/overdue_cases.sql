-- overdue_cases: petitions from the public form, not answered, whose deadline has passed, held below the centre:
-- the ones the deadline job escalates one level.
-- Reads: petition_routing FINAL (the intake's petitions), petition_status (current state).
-- Parameters:
--   now    DateTime('Asia/Ho_Chi_Minh')                 due before it = overdue
--   since  DateTime64(3,'Asia/Ho_Chi_Minh')            the oldest submission looked at
-- Columns: petition_id String, province_code String, commune_code String, topic String, status String,
--   unit_code String, handling_level String, due_at String (Vietnam time)
WITH routed AS
(
    SELECT r.petition_id AS petition_id, toString(r.province_code) AS province_code, r.commune_code AS commune_code, toString(r.topic) AS topic
    FROM petition_routing AS r FINAL
    WHERE r.submitted_at >= {since:DateTime64(3,'Asia/Ho_Chi_Minh')}
)
SELECT
    s.petition_id AS petition_id,
    any(r.province_code) AS province_code,
    any(r.commune_code) AS commune_code,
    any(r.topic) AS topic,
    toString(argMaxMerge(s.status)) AS status,
    argMaxMerge(s.unit_code) AS unit_code,
    toString(argMaxMerge(s.handling_level)) AS handling_level,
    toString(argMaxMerge(s.due_at)) AS due_at
FROM petition_status AS s
INNER JOIN routed AS r ON r.petition_id = s.petition_id
WHERE (s.province_code, s.commune_code, s.petition_id) IN (SELECT province_code, commune_code, petition_id FROM routed)
GROUP BY s.petition_id
HAVING status NOT IN ('answered', 'closed') AND handling_level != 'central'
   AND toDateTime(due_at, 'Asia/Ho_Chi_Minh') < {now:DateTime('Asia/Ho_Chi_Minh')}
ORDER BY due_at, petition_id
