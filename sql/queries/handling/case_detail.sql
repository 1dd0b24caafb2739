-- case_detail: one petition from the public form as its handler reads it: the submission (text, sealed contact,
-- consent, attachments listed) and the routing decision (place, topic, rule and reason, case).
-- Reads: petition_submissions FINAL and petition_routing FINAL, by tracking code (their sort key).
-- Parameters:
--   tracking_code  String
-- Columns: tracking_code String, petition_id String, submitted_at String, channel String, title String, text String,
--   contact_sealed String (AES-GCM; the caller opens it only for the holding unit), consent_contact UInt8,
--   attachments String (JSON), province_code String, commune_code String, place_source String, topic String,
--   sentiment String, rule_id String, reason String, case_id String, similarity Float32, routed_at String
SELECT
    s.tracking_code AS tracking_code,
    s.petition_id AS petition_id,
    toString(s.submitted_at) AS submitted_at,
    toString(s.channel) AS channel,
    s.title AS title,
    s.text AS text,
    s.contact_sealed AS contact_sealed,
    s.consent_contact AS consent_contact,
    s.attachments AS attachments,
    toString(r.province_code) AS province_code,
    r.commune_code AS commune_code,
    toString(r.place_source) AS place_source,
    toString(r.topic) AS topic,
    toString(r.sentiment) AS sentiment,
    r.rule_id AS rule_id,
    r.reason AS reason,
    r.case_id AS case_id,
    r.similarity AS similarity,
    toString(r.routed_at) AS routed_at
FROM petition_submissions AS s FINAL
INNER JOIN (SELECT * FROM petition_routing FINAL WHERE tracking_code = {tracking_code:String}) AS r ON r.tracking_code = s.tracking_code
WHERE s.tracking_code = {tracking_code:String}
