-- Petition intake and handling (issue #7): what citizens submit through the public form, the routing rules and the
-- answer deadlines admins edit, and the partner agency a case is sent to.
-- Columns whose COMMENT starts with "PERSONAL" hold personal data: only the handling unit may read them.

-- The intake queue. A submission is stored here before the citizen is told it was received; the router then classifies
-- it and writes it to petitions with its "received" and "routed" events. A submission without a "routed" event is still
-- in the queue (a crash during routing leaves it there, and the next pass routes it).
-- ReplacingMergeTree(submitted_at) by tracking code: the code is what the citizen looks up; a re-sent insert collapses.
CREATE TABLE IF NOT EXISTS petition_submissions
(
    tracking_code   String COMMENT 'given to the citizen: 10 letters and digits, unguessable; shown as PA-XXXXX-XXXXX',
    petition_id     String COMMENT 'the petition this becomes: "web-" and the tracking code',
    submitted_at    DateTime64(3, 'Asia/Ho_Chi_Minh'),
    channel         LowCardinality(String) COMMENT 'web (the public form) or app',
    province_code   String COMMENT 'as chosen by the citizen; empty = not chosen (detected from the text when routed)',
    commune_code    String COMMENT 'as chosen by the citizen; empty = not chosen',
    title           String,
    text            String,
    contact_sealed  String COMMENT 'PERSONAL: name, phone, ID number, address, e-mail; AES-256-GCM sealed, base64',
    consent_contact UInt8 COMMENT '1 = the citizen agreed to be contacted',
    attachments     String COMMENT 'JSON array of {name, type, bytes}: what the citizen says they attach; the files stay with them',
    client_hash     String COMMENT 'keyed hash of the sending address, for flood analysis; the address itself is not kept'
)
ENGINE = ReplacingMergeTree(submitted_at)
ORDER BY tracking_code;

-- Routing rules, applied in order of position; the first enabled rule that matches decides, else the default (the
-- commune where the matter is, else its province, else the centre). A rule matches on the petition's topic, on words
-- its text contains (diacritic-free, any of them), and on the place known. Each decision records the rule and its reason.
-- ReplacingMergeTree(updated_at) by rule_id: an edit is a newer version; a deleted rule keeps its row with deleted = 1.
CREATE TABLE IF NOT EXISTS routing_rules
(
    rule_id     String,
    position    UInt32 COMMENT 'lower first',
    topic       LowCardinality(String) COMMENT 'topic code the petition must have; empty = any',
    terms       Array(String) COMMENT 'diacritic-free lower-case phrases; the text must contain one; empty = no condition',
    place       Enum8('any' = 0, 'commune' = 1, 'province' = 2, 'none' = 3) COMMENT 'what must be known of the place: a commune, only the province, nothing',
    route_to    Enum8('central' = 0, 'province' = 1, 'commune' = 2) COMMENT 'the level that handles it',
    reason      String COMMENT 'why, in Vietnamese: recorded with every decision the rule makes',
    enabled     UInt8,
    deleted     UInt8,
    updated_by  String,
    updated_at  DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY rule_id;

-- Answer deadlines per topic, in days from receipt, transfer or escalation; a topic without a row takes its level's
-- default (commune 15, province 30, centre 45 days). ReplacingMergeTree(updated_at) by topic.
CREATE TABLE IF NOT EXISTS petition_deadlines
(
    topic       LowCardinality(String),
    answer_days UInt16,
    deleted     UInt8,
    updated_by  String,
    updated_at  DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY topic;

-- Each routing decision: where the submission went and why. Written last, after the petition and its events: a
-- submission without a row here is still in the intake queue. Also keeps the MinHash signature of the text, from which
-- the router rebuilds its index of recent texts (mass petitions) when it starts.
-- ReplacingMergeTree(routed_at) by tracking code: routing a submission again after a crash replaces its decision.
CREATE TABLE IF NOT EXISTS petition_routing
(
    tracking_code  String,
    petition_id    String,
    submitted_at   DateTime64(3, 'Asia/Ho_Chi_Minh'),
    routed_at      DateTime64(3, 'Asia/Ho_Chi_Minh'),
    province_code  LowCardinality(String) COMMENT 'where the matter is, as routed',
    commune_code   String,
    place_source   Enum8('none' = 0, 'chosen' = 1, 'detected' = 2) COMMENT 'the place was chosen by the citizen or detected in the text',
    topic          LowCardinality(String),
    sentiment      LowCardinality(String),
    rule_id        String COMMENT 'the rule that decided; empty = the default',
    reason         String,
    handling_level Enum8('central' = 0, 'province' = 1, 'commune' = 2),
    unit_code      String,
    due_at         DateTime('Asia/Ho_Chi_Minh'),
    case_id        String COMMENT 'the first petition of its mass case; empty = its own case',
    similarity     Float32 COMMENT 'estimated similarity to the closest earlier text of its case',
    signature      Array(UInt32) COMMENT 'MinHash signature of the text; empty when too short to compare'
)
ENGINE = ReplacingMergeTree(routed_at)
ORDER BY tracking_code;

-- A case transferred to a partner agency (a department, the police, a utility) keeps its Front holder, which follows it up.
ALTER TABLE petition_events ADD COLUMN IF NOT EXISTS partner String DEFAULT '' COMMENT 'partner agency the case was sent to, with a "transferred" event';
-- The holder before a transfer or an escalation: who passed the case on, or let its deadline pass (early warnings).
ALTER TABLE petition_events ADD COLUMN IF NOT EXISTS from_unit_code String DEFAULT '' COMMENT 'the holder before this event; set on transfers and escalations';

-- The rules a new store starts with. The Front's practice: allegations against commune officials are not handled by the
-- commune they accuse; matters of national policy go to the centre.
INSERT INTO routing_rules (rule_id, position, topic, terms, place, route_to, reason, enabled, deleted, updated_by, updated_at)
SELECT * FROM values(
    'rule_id String, position UInt32, topic String, terms Array(String), place String, route_to String, reason String, enabled UInt8, deleted UInt8, updated_by String, updated_at DateTime64(3, \'Asia/Ho_Chi_Minh\')',
    ('commune-officials-corruption', 10, 'tham_nhung_tieu_cuc',
        ['can bo xa', 'can bo phuong', 'chu tich xa', 'chu tich phuong', 'ubnd xa', 'ubnd phuong', 'uy ban nhan dan xa', 'uy ban nhan dan phuong', 'cong chuc xa', 'cong chuc phuong', 'dia chinh xa', 'truong thon', 'bi thu xa', 'bi thu phuong'],
        'any', 'province', 'Tố cáo tham nhũng, tiêu cực của cán bộ cấp xã: do Mặt trận cấp tỉnh xử lý, không giao cho xã bị tố cáo', 1, 0, 'migration', '2025-07-01 00:00:00'),
    ('corruption-to-province', 20, 'tham_nhung_tieu_cuc', [], 'any', 'province', 'Tham nhũng, tiêu cực: thuộc thẩm quyền Mặt trận cấp tỉnh', 1, 0, 'migration', '2025-07-01 00:00:00'),
    ('national-policy', 30, '', ['luat', 'nghi dinh', 'thong tu', 'chinh sach cua nha nuoc', 'quoc hoi', 'chinh phu'], 'none', 'central', 'Kiến nghị về chính sách, pháp luật chung, không gắn với địa bàn: Mặt trận Trung ương tổng hợp', 1, 0, 'migration', '2025-07-01 00:00:00'),
    ('province-only', 40, '', [], 'province', 'province', 'Chỉ xác định được tỉnh, chưa rõ xã: Mặt trận cấp tỉnh tiếp nhận', 1, 0, 'migration', '2025-07-01 00:00:00')
);

INSERT INTO petition_deadlines (topic, answer_days, deleted, updated_by, updated_at)
SELECT * FROM values(
    'topic String, answer_days UInt16, deleted UInt8, updated_by String, updated_at DateTime64(3, \'Asia/Ho_Chi_Minh\')',
    ('an_ninh_trat_tu', 10, 0, 'migration', '2025-07-01 00:00:00'),
    ('y_te', 10, 0, 'migration', '2025-07-01 00:00:00'),
    ('tham_nhung_tieu_cuc', 30, 0, 'migration', '2025-07-01 00:00:00')
);
