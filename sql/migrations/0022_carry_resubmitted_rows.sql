-- A correction of a correction resolves the first run's row. A re-submission's row quarantined again keeps the row it
-- stood for in the run it corrects (resubmits_row), and a run keeps the run it corrects (resubmit_of): when that row is
-- corrected in turn, sql/ingest/resolve_carried.sql follows the chain back and resolves each run's row on it. Before,
-- only the intermediate run's row was resolved, and the first run showed the row still to correct.
ALTER TABLE ingest_quarantine ADD COLUMN IF NOT EXISTS resubmits_row UInt64 DEFAULT 0
    COMMENT 'for a re-submission, the row this row had in the run it corrects (0: none)';
ALTER TABLE ingest_runs ADD COLUMN IF NOT EXISTS resubmit_of String DEFAULT ''
    COMMENT 'the run whose quarantined rows this run corrects (empty: none)';
