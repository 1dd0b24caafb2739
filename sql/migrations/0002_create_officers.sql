-- Officer rosters: who serves in each unit's Front committee or socio-political organisation.
-- Columns whose COMMENT starts with "PERSONAL" hold personal data: no aggregate query may read them.

-- ReplacingMergeTree(updated_at): a roster re-sent by its unit replaces each officer's row by the newer version.
-- ORDER BY (province_code, commune_code, unit_code, officer_id): every question is asked within a unit's subtree.
CREATE TABLE IF NOT EXISTS officers
(
    officer_id        String COMMENT 'stable id given by the roster source',
    unit_code         String,
    unit_level        Enum8('central' = 0, 'province' = 1, 'commune' = 2, 'village' = 3),
    province_code     LowCardinality(String),
    commune_code      String COMMENT 'empty for province-level officers',
    organisation      LowCardinality(String) COMMENT 'mttq, cong_doan, hoi_nong_dan, hoi_phu_nu, doan_thanh_nien, hoi_cuu_chien_binh',
    position          LowCardinality(String) COMMENT 'chu_tich, pho_chu_tich, uy_vien_thuong_truc, uy_vien, can_bo, ...',
    gender            Enum8('unknown' = 0, 'male' = 1, 'female' = 2),
    birth_year        UInt16 COMMENT '0 = unknown; age bands are derived from it',
    full_name         String COMMENT 'PERSONAL: officer name',
    phone             String COMMENT 'PERSONAL: officer phone',
    email             String COMMENT 'PERSONAL: officer e-mail',
    is_active         UInt8 DEFAULT 1 COMMENT '0 = no longer on the roster; the row stays for history',
    first_recorded_at DateTime('Asia/Ho_Chi_Minh') COMMENT 'when the officer first entered the roster',
    updated_at        DateTime('Asia/Ho_Chi_Minh') COMMENT 'last change of this record',
    ingest_run_id     String
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (province_code, commune_code, unit_code, officer_id);
