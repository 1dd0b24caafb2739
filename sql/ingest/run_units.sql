-- run_units: the units in force on the run's day, kept in a table of the run for its checks to look codes up in.
-- Reads: units_in_force (units FINAL).
-- Parameters:
--   units  Identifier  the run's table (runTableName(run, 'units'): dropped with the run, or as stale staging)
--   as_of  Date        the day whose units are in force
-- TRICKY: Memory, not MergeTree: read a few times in the run and never merged; a run killed leaves the table empty on
-- restart, and meta/stale_staging_tables.sql finds it by its prefix.
CREATE TABLE {units:Identifier} ENGINE = Memory AS
SELECT code, level, province_code, commune_code
FROM units_in_force(as_of = {as_of:Date})
