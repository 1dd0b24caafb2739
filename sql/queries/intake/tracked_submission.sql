-- tracked_submission: what a citizen's tracking code finds: when the submission came, and where it was routed (no row
-- in petition_routing yet = still in the intake queue). Nothing personal: no text, no contact.
-- Reads: petition_submissions FINAL and petition_routing FINAL, by tracking code (their sort key).
-- Parameters:
--   tracking_code  String  10 characters, normalised
-- Columns: tracking_code String, petition_id String, submitted_at String (Vietnam time, ms), routed UInt8,
--   province_code String, commune_code String, case_id String
SELECT
    s.tracking_code AS tracking_code,
    s.petition_id AS petition_id,
    toString(s.submitted_at) AS submitted_at,
    r.tracking_code != '' AS routed,
    toString(r.province_code) AS province_code,
    r.commune_code AS commune_code,
    r.case_id AS case_id
FROM petition_submissions AS s FINAL
LEFT JOIN (SELECT * FROM petition_routing FINAL WHERE tracking_code = {tracking_code:String}) AS r ON r.tracking_code = s.tracking_code
WHERE s.tracking_code = {tracking_code:String}
SETTINGS join_use_nulls = 0
