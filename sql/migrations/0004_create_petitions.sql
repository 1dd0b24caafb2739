-- Petitions and feedback sent by citizens, and the append-only history of their handling.
-- Columns whose COMMENT starts with "PERSONAL" hold personal data: only the handling unit may read them.

-- ReplacingMergeTree(inserted_at): a backstop only. Ingestion stores each petition_id once (it skips ids already stored),
-- which keeps the rollups fed from this table exact; a re-delivery that slips past still collapses on merge.
-- PARTITION BY month: a year is 12 parts to prune by period. ORDER BY place then time: every question is asked per subtree and period.
CREATE TABLE IF NOT EXISTS petitions
(
    petition_id        String COMMENT 'id given by the petition system',
    received_at        DateTime('Asia/Ho_Chi_Minh'),
    channel            LowCardinality(String) COMMENT 'web, app, zalo, hotline, mail, in_person',
    province_code      LowCardinality(String) COMMENT 'where the matter is',
    commune_code       String COMMENT 'where the matter is; empty when only the province is known',
    village_code       String DEFAULT '',
    handling_level     Enum8('central' = 0, 'province' = 1, 'commune' = 2) COMMENT 'level first charged with it',
    handling_unit_code String,
    due_at             DateTime('Asia/Ho_Chi_Minh') COMMENT 'answer deadline when received',
    title              String,
    text               String COMMENT 'the petition as written; may quote names, never shown outside the handling unit in full',
    contact_sealed     String COMMENT 'PERSONAL: petitioner name, phone, ID number, address; AES-256-GCM sealed, base64',
    consent_contact    UInt8 COMMENT '1 = the petitioner agreed to be contacted',
    case_id            String DEFAULT '' COMMENT 'mass-petition case this message belongs to; empty = its own case',
    source             LowCardinality(String) COMMENT 'digital-front, ingest, demo, ...',
    ingest_run_id      String,
    inserted_at        DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(inserted_at)
PARTITION BY toYYYYMM(received_at)
ORDER BY (province_code, commune_code, received_at, petition_id);

-- Append-only history: received, routed, accepted, transferred, info_requested, answered, closed, escalated, reopened.
-- ReplacingMergeTree on the event's full identity drops only exact re-deliveries; nothing is ever updated.
CREATE TABLE IF NOT EXISTS petition_events
(
    event_id       String COMMENT 'id of the event in its source, unique per petition',
    petition_id    String,
    province_code  LowCardinality(String),
    commune_code   String,
    event_at       DateTime64(3, 'Asia/Ho_Chi_Minh'),
    status         LowCardinality(String),
    unit_code      String COMMENT 'unit that holds the case after this event',
    handling_level Enum8('central' = 0, 'province' = 1, 'commune' = 2),
    due_at         DateTime('Asia/Ho_Chi_Minh') COMMENT 'deadline in force after this event',
    actor          String COMMENT 'user id or "system"; never the petitioner',
    note           String,
    ingest_run_id  String
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(event_at)
ORDER BY (province_code, commune_code, petition_id, event_at, event_id);

-- Current state of each petition, folded from its events: status, holder, deadline, first answer.
-- AggregatingMergeTree with argMax/min only: idempotent, so a re-delivered event never changes a state.
CREATE TABLE IF NOT EXISTS petition_status
(
    province_code  LowCardinality(String),
    commune_code   String,
    petition_id    String,
    received_at    SimpleAggregateFunction(min, DateTime64(3, 'Asia/Ho_Chi_Minh')),
    last_event_at  SimpleAggregateFunction(max, DateTime64(3, 'Asia/Ho_Chi_Minh')),
    answered_at    SimpleAggregateFunction(min, Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh'))),
    closed_at      SimpleAggregateFunction(min, Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh'))),
    status         AggregateFunction(argMax, LowCardinality(String), DateTime64(3, 'Asia/Ho_Chi_Minh')),
    unit_code      AggregateFunction(argMax, String, DateTime64(3, 'Asia/Ho_Chi_Minh')),
    handling_level AggregateFunction(argMax, Enum8('central' = 0, 'province' = 1, 'commune' = 2), DateTime64(3, 'Asia/Ho_Chi_Minh')),
    due_at         AggregateFunction(argMax, DateTime('Asia/Ho_Chi_Minh'), DateTime64(3, 'Asia/Ho_Chi_Minh'))
)
ENGINE = AggregatingMergeTree
ORDER BY (province_code, commune_code, petition_id);

-- TRICKY: the source columns are qualified (e.) because the aggregates take their names as aliases.
CREATE MATERIALIZED VIEW IF NOT EXISTS petition_status_mv TO petition_status AS
SELECT
    e.province_code AS province_code,
    e.commune_code AS commune_code,
    e.petition_id AS petition_id,
    min(e.event_at) AS received_at,
    max(e.event_at) AS last_event_at,
    minIfOrNull(e.event_at, e.status = 'answered') AS answered_at,
    minIfOrNull(e.event_at, e.status = 'closed') AS closed_at,
    argMaxState(e.status, e.event_at) AS status,
    argMaxState(e.unit_code, e.event_at) AS unit_code,
    argMaxState(e.handling_level, e.event_at) AS handling_level,
    argMaxState(e.due_at, e.event_at) AS due_at
FROM petition_events AS e
GROUP BY e.province_code, e.commune_code, e.petition_id;

-- Petitions received per week, place, channel and level: the weekly counts without touching the texts.
-- SummingMergeTree: counts add up across parts; exact because ingestion stores each petition once (see above).
CREATE TABLE IF NOT EXISTS petitions_weekly
(
    province_code  LowCardinality(String),
    commune_code   String,
    week_start     Date,
    channel        LowCardinality(String),
    handling_level Enum8('central' = 0, 'province' = 1, 'commune' = 2),
    petitions      UInt64
)
ENGINE = SummingMergeTree
ORDER BY (province_code, commune_code, week_start, channel, handling_level);

CREATE MATERIALIZED VIEW IF NOT EXISTS petitions_weekly_mv TO petitions_weekly AS
SELECT province_code, commune_code, toMonday(received_at) AS week_start, channel, handling_level, count() AS petitions
FROM petitions
GROUP BY province_code, commune_code, week_start, channel, handling_level;
