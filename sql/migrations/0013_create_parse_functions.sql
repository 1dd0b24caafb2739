-- How ingestion reads numbers, days and weeks as Vietnamese spreadsheets write them, inside the engine, so that every
-- kind checked by SQL (sql/ingest/) reads them the same way. Each returns NULL for text it cannot read.

-- fp_number(s): "1.234,5" (Vietnamese: dot groups thousands, comma marks decimals), "1,234.5", "12,5", "12.5", "1 234".
-- TRICKY: "1.234" and "1,234" (one separator, three digits after it) are read as thousands, the common case in counts.
CREATE FUNCTION IF NOT EXISTS fp_number AS (s) -> multiIf(
    match(replaceRegexpAll(s, '[\\s\\x{00A0}]', ''), '^-?\\d{1,3}(\\.\\d{3})+(,\\d+)?$'),
        toFloat64OrNull(replaceAll(replaceAll(replaceRegexpAll(s, '[\\s\\x{00A0}]', ''), '.', ''), ',', '.')),
    match(replaceRegexpAll(s, '[\\s\\x{00A0}]', ''), '^-?\\d{1,3}(,\\d{3})+(\\.\\d+)?$'),
        toFloat64OrNull(replaceAll(replaceRegexpAll(s, '[\\s\\x{00A0}]', ''), ',', '')),
    match(replaceRegexpAll(s, '[\\s\\x{00A0}]', ''), '^-?\\d+,\\d+$'),
        toFloat64OrNull(replaceAll(replaceRegexpAll(s, '[\\s\\x{00A0}]', ''), ',', '.')),
    toFloat64OrNull(replaceRegexpAll(s, '[\\s\\x{00A0}]', '')));

-- fp_time(s): a moment in Vietnam time. ISO 8601, "16/09/2025" and "16/09/2025 14:30" (day first), "ngày 16 tháng 9 năm
-- 2025", and Excel serial day numbers (45916, 45916.5) as a sheet saved to CSV writes them.
CREATE FUNCTION IF NOT EXISTS fp_time AS (s) -> multiIf(
    match(trimBoth(s), '^\\d{5}(\\.\\d+)?$') AND toFloat64OrZero(trimBoth(s)) BETWEEN 25569 AND 73050,
        -- days since 1899-12-30, a wall-clock time: 25569 is 1970-01-01, and Vietnam is UTC+7 all year.
        toDateTime(toInt64(round((toFloat64OrZero(trimBoth(s)) - 25569) * 86400)) - 25200, 'Asia/Ho_Chi_Minh'),
    match(fp_fold(s), '^ngay\\s*\\d{1,2}\\s*thang\\s*\\d{1,2}\\s*nam\\s*\\d{4}$'),
        parseDateTimeBestEffortOrNull(
            replaceRegexpOne(fp_fold(s), '^ngay\\s*(\\d{1,2})\\s*thang\\s*(\\d{1,2})\\s*nam\\s*(\\d{4})$', '\\1/\\2/\\3'), 'Asia/Ho_Chi_Minh'),
    parseDateTimeBestEffortOrNull(trimBoth(s), 'Asia/Ho_Chi_Minh'));

-- fp_iso_week(year, week): the Monday of ISO week `week` of `year`, or NULL when the year has no such week.
CREATE FUNCTION IF NOT EXISTS fp_iso_week AS (y, w) -> if(
    y BETWEEN 2000 AND 2100 AND w BETWEEN 1 AND 53
        AND toISOWeek(toMonday(makeDate(toUInt16(y), 1, 4)) + 7 * (w - 1)) = w,
    toMonday(makeDate(toUInt16(y), 1, 4)) + 7 * (w - 1),
    NULL);

-- fp_week(s): the Monday of the week a report is for: "2025-W37", "2025W37", "Tuần 37/2025", "tuần 37 năm 2025",
-- "37/2025", or any day of the week (which is taken to its Monday).
CREATE FUNCTION IF NOT EXISTS fp_week AS (s) -> multiIf(
    match(fp_fold(s), '^\\d{4}-?w\\d{1,2}$'),
        fp_iso_week(toUInt16OrZero(extract(fp_fold(s), '^(\\d{4})')), toUInt8OrZero(extract(fp_fold(s), '(\\d{1,2})$'))),
    match(fp_fold(s), '^(tuan|week|w)?\\s*\\d{1,2}\\s*([/-]|nam)\\s*\\d{4}$'),
        fp_iso_week(toUInt16OrZero(extract(fp_fold(s), '(\\d{4})$')), toUInt8OrZero(extract(fp_fold(s), '^\\D*(\\d{1,2})'))),
    toMonday(fp_time(s)));

-- fp_key(s): a name as a match key, the same as analytics/nlp/text.ts matchKey: folded, every run of other characters
-- one "_" ("Hội Liên hiệp Phụ nữ" → "hoi_lien_hiep_phu_nu", "Đơn thư, kiến nghị" → "don_thu_kien_nghi").
CREATE FUNCTION IF NOT EXISTS fp_key AS (s) -> trim(BOTH '_' FROM replaceRegexpAll(fp_fold(s), '[^a-z0-9]+', '_'));

-- fp_unit_code(code, level): a unit code as typed, with the leading zeros a spreadsheet dropped put back: 2 digits for
-- a province, 5 for a commune, by the level given ("tỉnh", "xã", "province", "2", …) or else by length. Other codes
-- (villages "00004-012", "VN") are only trimmed.
CREATE FUNCTION IF NOT EXISTS fp_unit_code AS (code, level) -> multiIf(
    NOT match(trimBoth(code), '^\\d{1,5}$'), upperUTF8(trimBoth(code)),
    fp_key(level) IN ('tinh', 'thanh_pho', 'province', 'cap_tinh', '1'), leftPad(trimBoth(code), 2, '0'),
    fp_key(level) IN ('xa', 'phuong', 'dac_khu', 'commune', 'cap_xa', '2'), leftPad(trimBoth(code), 5, '0'),
    length(trimBoth(code)) <= 2, leftPad(trimBoth(code), 2, '0'),
    leftPad(trimBoth(code), 5, '0'));

-- units_in_force(as_of): the units in force on a day, below the central level, as ingestion checks codes against them.
-- A parameterised view: FROM units_in_force(as_of = '2025-09-16').
CREATE VIEW IF NOT EXISTS units_in_force AS
SELECT code, toString(level) AS level, province_code, commune_code
FROM units FINAL
WHERE valid_from <= {as_of:Date} AND {as_of:Date} < valid_to AND level != 'central';
