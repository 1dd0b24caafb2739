-- case_holders: where the first petitions of some mass cases are held now, for the copies that join them.
-- Reads: petition_routing FINAL by tracking code (its sort key), petition_status by its sort key.
-- Parameters:
--   codes  Array(String)  tracking codes of the cases' first petitions
-- Columns: petition_id String, tracking_code String, unit_code String, handling_level String, due_at String (Vietnam time)
WITH routed AS
(
    SELECT r.petition_id AS petition_id, r.tracking_code AS tracking_code, toString(r.province_code) AS province_code, r.commune_code AS commune_code
    FROM petition_routing AS r FINAL
    WHERE r.tracking_code IN {codes:Array(String)}
)
SELECT
    s.petition_id AS petition_id,
    any(r.tracking_code) AS tracking_code,
    argMaxMerge(s.unit_code) AS unit_code,
    toString(argMaxMerge(s.handling_level)) AS handling_level,
    toString(argMaxMerge(s.due_at)) AS due_at
FROM petition_status AS s
INNER JOIN routed AS r ON r.petition_id = s.petition_id
WHERE (s.province_code, s.commune_code, s.petition_id) IN (SELECT province_code, commune_code, petition_id FROM routed)
GROUP BY s.petition_id
