-- pending_submissions: the intake queue: submissions stored but not yet routed (no decision in petition_routing),
-- oldest first. A crash during routing leaves its submissions here for the next pass.
-- Reads: petition_submissions FINAL and petition_routing (both only hold what came through the public form).
-- Parameters:
--   limit  UInt32  how many at most
-- Columns: tracking_code String, petition_id String, submitted_at String (Vietnam time, ms), channel String,
--   province_code String, commune_code String (as chosen; '' = not chosen), title String, text String,
--   contact_sealed String (sealed), consent_contact UInt8
SELECT
    s.tracking_code AS tracking_code,
    s.petition_id AS petition_id,
    toString(s.submitted_at) AS submitted_at,
    toString(s.channel) AS channel,
    s.province_code AS province_code,
    s.commune_code AS commune_code,
    s.title AS title,
    s.text AS text,
    s.contact_sealed AS contact_sealed,
    s.consent_contact AS consent_contact
FROM petition_submissions AS s FINAL
WHERE s.tracking_code NOT IN (SELECT r.tracking_code FROM petition_routing AS r)
ORDER BY s.submitted_at, s.tracking_code
LIMIT {limit:UInt32}
