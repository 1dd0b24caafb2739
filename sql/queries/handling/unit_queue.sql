-- unit_queue: the petitions a unit holds now, from the public form: not closed (answered ones stay until closed),
-- with what the handler needs to pick one up. A mass case's petitions are all listed; the caller groups them.
-- Reads: petition_routing FINAL (the intake's petitions), petition_status (current state), petition_submissions FINAL
-- (title and text, for the handling unit only: the caller checks the user holds these cases).
-- Parameters:
--   unit_code  String                               the holding unit (VN, a province or a commune)
--   since      DateTime64(3,'Asia/Ho_Chi_Minh')    the oldest submission looked at
--   now        DateTime('Asia/Ho_Chi_Minh')         what counts as overdue: due before it
-- Columns: petition_id String, tracking_code String, case_id String, submitted_at String, province_code String,
--   commune_code String, topic String, sentiment String, status String, handling_level String, due_at String,
--   overdue UInt8, title String, excerpt String (the text's first 280 characters), has_contact UInt8, consent_contact UInt8
WITH
    routed AS
    (
        SELECT r.petition_id AS petition_id, r.tracking_code AS tracking_code, r.case_id AS case_id,
            toString(r.province_code) AS province_code, r.commune_code AS commune_code,
            toString(r.topic) AS topic, toString(r.sentiment) AS sentiment, r.submitted_at AS submitted_at
        FROM petition_routing AS r FINAL
        WHERE r.submitted_at >= {since:DateTime64(3,'Asia/Ho_Chi_Minh')}
    ),
    states AS
    (
        SELECT
            s.petition_id AS petition_id,
            toString(argMaxMerge(s.status)) AS status,
            argMaxMerge(s.unit_code) AS holder,
            toString(argMaxMerge(s.handling_level)) AS handling_level,
            argMaxMerge(s.due_at) AS due_at
        FROM petition_status AS s
        WHERE (s.province_code, s.commune_code, s.petition_id) IN (SELECT province_code, commune_code, petition_id FROM routed)
        GROUP BY s.petition_id
        HAVING holder = {unit_code:String} AND status != 'closed'
    )
SELECT
    st.petition_id AS petition_id,
    r.tracking_code AS tracking_code,
    r.case_id AS case_id,
    toString(r.submitted_at) AS submitted_at,
    r.province_code AS province_code,
    r.commune_code AS commune_code,
    r.topic AS topic,
    r.sentiment AS sentiment,
    st.status AS status,
    st.handling_level AS handling_level,
    toString(st.due_at) AS due_at,
    st.status != 'answered' AND st.due_at < {now:DateTime('Asia/Ho_Chi_Minh')} AS overdue,
    sub.title AS title,
    substringUTF8(sub.text, 1, 280) AS excerpt,
    sub.contact_sealed != '' AS has_contact,
    sub.consent_contact AS consent_contact
FROM states AS st
INNER JOIN routed AS r ON r.petition_id = st.petition_id
INNER JOIN (SELECT * FROM petition_submissions FINAL WHERE tracking_code IN (SELECT tracking_code FROM routed)) AS sub
    ON sub.tracking_code = r.tracking_code
ORDER BY overdue DESC, st.due_at, r.submitted_at, st.petition_id
