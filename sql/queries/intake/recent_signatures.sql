-- recent_signatures: the routed submissions of recent days with the MinHash signature of their text and their case,
-- oldest first: what the router's index of texts (mass petitions) is rebuilt from when it starts.
-- Reads: petition_routing FINAL.
-- Parameters:
--   since  DateTime64(3,'Asia/Ho_Chi_Minh')  the first moment kept
-- Columns: petition_id String, case_id String ('' = its own case), signature Array(UInt32)
SELECT r.petition_id AS petition_id, r.case_id AS case_id, r.signature AS signature
FROM petition_routing AS r FINAL
WHERE r.submitted_at >= {since:DateTime64(3,'Asia/Ho_Chi_Minh')} AND notEmpty(r.signature)
ORDER BY r.submitted_at, r.tracking_code
