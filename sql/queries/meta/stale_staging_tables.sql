-- stale_staging_tables: ingest staging tables left by runs that died (SIGKILL, power cut), older than a day.
-- Reads: system.tables.
-- Parameters:
--   older_than_hours  UInt32  only tables not touched for this long (runs in other processes may be under way)
-- Columns:
--   name String
SELECT name
FROM system.tables
WHERE database = currentDatabase()
  AND (startsWith(name, 'ingest_stage_') OR startsWith(name, 'ingest_checked_'))
  AND metadata_modification_time < now() - toIntervalHour({older_than_hours:UInt32})
ORDER BY name
