-- Quarantined rows put right: a corrected file re-submitted for a run (npm run ingest -- KIND FILE --resubmit RUN)
-- resolves each row it stores, by the original row number the quarantine export gave it.
-- ReplacingMergeTree(resolved_at): a row resolved twice keeps the later resolution.
CREATE TABLE IF NOT EXISTS ingest_resolutions
(
    run_id          String COMMENT 'the run whose row was quarantined',
    row_number      UInt64,
    resolved_by_run String COMMENT 'the run that stored the corrected row',
    resolved_at     DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(resolved_at)
ORDER BY (run_id, row_number);
