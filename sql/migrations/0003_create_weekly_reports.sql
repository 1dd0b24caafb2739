-- Weekly reports: each province and commune reports its indicators for an ISO week upward.

-- ReplacingMergeTree(submitted_at): a corrected report for the same unit, week and indicator replaces the value; the latest wins.
-- ORDER BY (province_code, commune_code, unit_code, week_start, indicator): reporting is asked per subtree, then per week.
CREATE TABLE IF NOT EXISTS weekly_reports
(
    unit_code     String,
    unit_level    Enum8('central' = 0, 'province' = 1, 'commune' = 2, 'village' = 3),
    province_code LowCardinality(String),
    commune_code  String COMMENT 'empty for a province report',
    week_start    Date COMMENT 'Monday of the ISO week reported on',
    indicator     LowCardinality(String),
    value         Float64,
    submitted_at  DateTime('Asia/Ho_Chi_Minh'),
    ingest_run_id String
)
ENGINE = ReplacingMergeTree(submitted_at)
ORDER BY (province_code, commune_code, unit_code, week_start, indicator);

-- One row per unit and week that reported: the first submission decides "on time" even after the values are corrected.
-- AggregatingMergeTree with min/max only: both are idempotent, so a report delivered twice cannot change the answer.
CREATE TABLE IF NOT EXISTS weekly_report_submissions
(
    province_code      LowCardinality(String),
    commune_code       String,
    unit_code          String,
    unit_level         Enum8('central' = 0, 'province' = 1, 'commune' = 2, 'village' = 3),
    week_start         Date,
    first_submitted_at SimpleAggregateFunction(min, DateTime('Asia/Ho_Chi_Minh')),
    last_submitted_at  SimpleAggregateFunction(max, DateTime('Asia/Ho_Chi_Minh'))
)
ENGINE = AggregatingMergeTree
ORDER BY (province_code, commune_code, unit_level, unit_code, week_start);

CREATE MATERIALIZED VIEW IF NOT EXISTS weekly_report_submissions_mv TO weekly_report_submissions AS
SELECT
    province_code,
    commune_code,
    unit_code,
    unit_level,
    week_start,
    min(submitted_at) AS first_submitted_at,
    max(submitted_at) AS last_submitted_at
FROM weekly_reports
GROUP BY province_code, commune_code, unit_code, unit_level, week_start;
