-- The unit registry on four levels: central (VN) → 34 provinces → 3,321 communes, wards and special zones → villages.
-- History: a unit's row covers one validity period [valid_from, valid_to); a rename, merge or split closes the old
-- period and opens a new row, and unit_successions says which units became which.

-- ReplacingMergeTree(updated_at): re-importing a list rewrites the same (code, valid_from) rows, the newest wins, nothing doubles.
-- ORDER BY (code, valid_from): look-ups and joins are by code; the whole registry is small (≈ 95k rows), so level scans are cheap.
CREATE TABLE IF NOT EXISTS units
(
    code          String COMMENT 'VN = central; NSO 2-digit province code; NSO 5-digit commune code; commune code + "-" + 3 digits for a village',
    level         Enum8('central' = 0, 'province' = 1, 'commune' = 2, 'village' = 3),
    name          String COMMENT 'official full name with its type, Unicode NFC: "Phường Văn Miếu - Quốc Tử Giám"',
    unit_type     LowCardinality(String) COMMENT 'trung ương, thành phố, tỉnh, xã, phường, đặc khu, thôn, tổ dân phố, ấp, bản, ...',
    parent_code   String COMMENT 'empty for central',
    province_code LowCardinality(String) COMMENT 'the province this unit lies in (itself for a province); empty for central',
    commune_code  String COMMENT 'the commune this unit lies in (itself for a commune); empty above commune level',
    valid_from    Date,
    valid_to      Date DEFAULT toDate('2149-06-06') COMMENT 'exclusive; 2149-06-06, the largest Date, means still in force',
    source        LowCardinality(String) COMMENT 'official-list, commune-entry, demo, ...',
    updated_at    DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (code, valid_from);

-- Which former units became which (merges of 1 July 2025, later splits and renames); place detection maps old names through it.
-- ReplacingMergeTree: the same succession imported twice is one row.
CREATE TABLE IF NOT EXISTS unit_successions
(
    from_code      String COMMENT 'code of the former unit (may predate the registry, so not always in units)',
    from_name      String COMMENT 'full name of the former unit, for look-ups by old name',
    to_code        String,
    effective_date Date,
    kind           LowCardinality(String) COMMENT 'merge, split, rename, transfer',
    updated_at     DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (from_code, to_code, effective_date);

-- Declared targets a unit is measured against, such as the number of villages a commune expects to list.
-- ReplacingMergeTree: a commune that revises its target sends a newer row for the same (unit, indicator, valid_from).
CREATE TABLE IF NOT EXISTS unit_targets
(
    unit_code  String,
    indicator  LowCardinality(String) COMMENT 'villages_expected',
    value      UInt32,
    valid_from Date,
    source     LowCardinality(String),
    updated_at DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (unit_code, indicator, valid_from);
