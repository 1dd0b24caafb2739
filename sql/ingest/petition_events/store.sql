-- petition_events/store: the run's checked petition events that have no fault and are not stored yet.
-- Reads: the run's checked table. Writes: petition_events (and through its view, petition_status).
-- Parameters:
--   checked  Identifier  the run's checked table
--   run_id   String      the run, recorded with each row
INSERT INTO petition_events (event_id, petition_id, province_code, commune_code, event_at, status, unit_code, handling_level, due_at, actor, note, ingest_run_id)
SELECT event_id, petition_id, province_code, commune_code, event_at, status, unit_code, handling_level, due_at, actor, note, {run_id:String}
FROM {checked:Identifier}
WHERE length(fault_details) = 0 AND duplicate = 0
-- Written in blocks of at most 256k rows or 64 MiB, as they come, not gathered up to a million rows and sorted at once
-- (measured: the peak memory of a million roster rows' run was in this step).
SETTINGS max_block_size = 65536, min_insert_block_size_rows = 262144, min_insert_block_size_bytes = 67108864
