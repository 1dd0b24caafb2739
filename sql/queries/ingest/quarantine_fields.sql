-- quarantine_fields: the fields the rows of a run's quarantine hold (the columns of its correction file).
-- Reads: ingest_quarantine (one run).
-- Parameters:
--   run_id  String
-- Columns:
--   fields Array(String)
SELECT groupUniqArrayArray(if(isValidJSON(raw), JSONExtractKeys(raw), ['_text'])) AS fields
FROM ingest_quarantine
WHERE run_id = {run_id:String}
