-- Every load of data is a run; every input row ends either stored or here in quarantine with its reason.

-- ReplacingMergeTree(updated_at): a run's row is rewritten as it progresses (running → done/failed); the latest wins.
CREATE TABLE IF NOT EXISTS ingest_runs
(
    run_id      String,
    kind        LowCardinality(String) COMMENT 'units, officers, weekly_reports, petitions, petition_events, opinion_posts, ...',
    file        String COMMENT 'file name or source as given; never its content',
    way_in      LowCardinality(String) COMMENT 'cli, http, inbox, feed, demo',
    encoding    LowCardinality(String),
    status      LowCardinality(String) COMMENT 'running, done, failed',
    read        UInt64,
    stored      UInt64,
    duplicates  UInt64,
    quarantined UInt64,
    message     String,
    started_by  String COMMENT 'user id or "system"',
    started_at  DateTime64(3, 'Asia/Ho_Chi_Minh'),
    updated_at  DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY run_id;

-- Rows that failed validation, with the file's row number, the field and the reason, ready to be corrected and re-submitted.
-- MergeTree ORDER BY (run_id, row_number): quarantine is read run by run, in file order.
CREATE TABLE IF NOT EXISTS ingest_quarantine
(
    run_id         String,
    kind           LowCardinality(String),
    row_number     UInt64 COMMENT 'row as a spreadsheet shows it: the line of a CSV, the sheet row of an XLSX (a plain file''s header is row 1)',
    field          String,
    reason         String,
    raw            String COMMENT 'PERSONAL: the row as read, which may hold personal data',
    quarantined_at DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = MergeTree
ORDER BY (run_id, row_number);
