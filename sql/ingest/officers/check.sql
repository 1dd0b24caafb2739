-- officers/check: a run's staged roster rows, normalised, each with its faults and whether it is stored already.
-- Reads: the run's staging table; the run's units in force (units); officers FINAL (only the ids the run holds).
-- Parameters:
--   staging       Identifier     the run's staging table (all columns String, and _row)
--   units         Identifier     the run's table of the units in force on as_of (code, level, province_code, commune_code)
--   slice_from    UInt16         the first slice checked (_slice, a hash of the kind's slice key: ingest/kinds/)
--   slice_to      UInt16         the last: the engine checks a range at a time, and rows of one record share a slice
--   as_of         Date           unit codes must be in force on this day
--   loaded_at     DateTime       when the run started: the update time of rows that give none
--   org_names     Array(String)  organisation names as files write them, folded; org_codes holds the code of each
--   org_codes     Array(String)
--   pos_names     Array(String)  the same for positions
--   pos_codes     Array(String)
--   gender_names  Array(String)  the same for genders
--   gender_codes  Array(String)
--   active_names  Array(String)  the same for "still serving" (1) or "left" (0)
--   active_codes  Array(String)
--   max_birth_year UInt16        the latest birth year taken as real
-- Columns:
--   _row UInt64, officer_id String, unit_code String, unit_level String, province_code String, commune_code String,
--   organisation LowCardinality(String), position LowCardinality(String), gender String, birth_year UInt16,
--   full_name String, phone String, email String, is_active UInt8, first_recorded_at DateTime, updated_at DateTime,
--   fault_fields Array(String), fault_details Array(String) (each a fault's code and values: fp_fault, ingest/faults.ts),
--   duplicate UInt8 (the row as read is kept by
--   sql/ingest/quarantine.sql, from staging), left_units Array(Tuple) (the officer's
--   active rows in other units, whole: the officer has left them)
WITH
    staged AS
    (
        SELECT
            s._row AS _row,
            trimBoth(s.officer_id) AS id,
            /* include: unit_code_read */
            normalizeUTF8NFC(replaceRegexpAll(trimBoth(s.full_name), '\\s+', ' ')) AS name,
            -- TRICKY: a vocabulary column holds a few distinct values; as LowCardinality, fp_key (NFD and a regular
            -- expression) runs once per distinct value of a block instead of once per row (measured on a million rows:
            -- the check's CPU time went from 11 s to 6.5 s with this alone).
            transform(fp_key(toLowCardinality(s.organisation)), {org_names:Array(String)}, {org_codes:Array(String)}, '') AS org,
            transform(fp_key(toLowCardinality(s.position)), {pos_names:Array(String)}, {pos_codes:Array(String)}, '') AS pos,
            if(trimBoth(s.gender) = '', 'unknown', transform(fp_key(toLowCardinality(s.gender)), {gender_names:Array(String)}, {gender_codes:Array(String)}, '')) AS sex,
            -- A birth date gives its year: written with its day and month (most births are before 1970, which a time
            -- cannot hold, so the year is taken as written), or as an Excel day number. Anything else is unreadable
            -- (65535, refused below); before, it was read as 1970.
            multiIf(trimBoth(s.birth_year) = '', 0,
                    match(trimBoth(s.birth_year), '^\\d{4}$'), toUInt16(trimBoth(s.birth_year)),
                    match(trimBoth(s.birth_year), '^(\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{4}|\\d{4}[-/]\\d{1,2}[-/]\\d{1,2})([T ].*)?$')
                        OR match(fp_fold(s.birth_year), '^ngay\\s*\\d{1,2}\\s*thang\\s*\\d{1,2}\\s*nam\\s*\\d{4}$'),
                        toUInt16(extract(trimBoth(s.birth_year), '(\\d{4})')),
                    match(trimBoth(s.birth_year), '^\\d{5}$'), toYear(toDate32('1899-12-30') + toInt32(trimBoth(s.birth_year))),
                    65535) AS year,
            -- A number that lost its leading 0 in a spreadsheet (912345678) gets it back, as values.ts phoneNumber does.
            if(match(replaceRegexpAll(trimBoth(s.phone), '[\\s.()-]', ''), '^[1-9]\\d{8,9}$'), '0', '')
                || replaceRegexpAll(trimBoth(s.phone), '[\\s.()-]', '') AS tel,
            lowerUTF8(trimBoth(s.email)) AS mail,
            if(trimBoth(s.status) = '', '1', transform(fp_key(toLowCardinality(s.status)), {active_names:Array(String)}, {active_codes:Array(String)}, '')) AS active,
            -- A roster's update days repeat from row to row: as LowCardinality, fp_time reads each day written once a
            -- block (measured on half a million rows: the check's CPU time 1.76 s → 1.58 s).
            if(trimBoth(s.updated_at) = '', {loaded_at:DateTime('Asia/Ho_Chi_Minh')}, fp_time(toLowCardinality(s.updated_at))) AS updated,
            -- The cells as written, for the messages.
            s.organisation AS org_written, s.position AS pos_written, s.gender AS sex_written, s.birth_year AS year_written,
            s.phone AS tel_written, s.email AS mail_written, s.status AS active_written, s.updated_at AS updated_written,
            cityHash64(code, name, org, pos, sex, year, tel, mail, active) AS content
        FROM {staging:Identifier} AS s
        -- One range of the rows' slices at a time (the engine goes through them all): memory stays bounded by the range.
        WHERE s._slice BETWEEN {slice_from:UInt16} AND {slice_to:UInt16}
    ),
    stored AS
    (
        -- An officer who moved has a row in each unit served (the old one closed): the latest is the officer's record.
        SELECT officer_id,
               min(first_recorded_at) AS first_recorded,
               argMax(cityHash64(unit_code, full_name, organisation, position, toString(gender), birth_year, phone, email, toString(is_active)),
                      (updated_at, is_active)) AS content,
               -- The officer's active rows, whole: one in another unit is closed as the new row is stored (store.sql).
               groupArrayIf((unit_code, unit_level, province_code, commune_code, organisation, position, gender, birth_year,
                             full_name, phone, email, first_recorded_at, updated_at), is_active = 1) AS active_rows
        FROM officers FINAL
        WHERE officer_id IN (SELECT id FROM staged)
        GROUP BY officer_id
    ),
    repeated AS
    (
        SELECT id
        FROM staged
        GROUP BY id
        HAVING count() > 1
    ),
    firsts AS
    (
        -- The first row of each id the file repeats, and its content: a later row with the same id repeats it or
        -- contradicts it. Only repeated ids: grouping every id with its content doubled the check's work.
        SELECT id, min(_row) AS first_row, argMin(content, _row) AS first_content
        FROM staged
        WHERE id IN (SELECT id FROM repeated)
        GROUP BY id
    ),
    judged AS
    (
        SELECT
            t._row AS _row, t.id AS id, t.code AS code, t.name AS name, t.org AS org, t.pos AS pos, t.sex AS sex,
            t.year AS year, t.tel AS tel, t.mail AS mail, t.active AS active, t.updated AS updated,
            t.content AS content,
            ifNull(u.level, '') AS unit_level,
            ifNull(u.province_code, '') AS province_code,
            ifNull(u.commune_code, '') AS commune_code,
            p.first_recorded AS stored_first,
            ifNull(p.content, 0) AS stored_content,
            -- Still on another unit's roster: those rows are closed when this one is stored (store.sql).
            arrayFilter(r -> r.1 != t.code, p.active_rows) AS other_units,
            -- A row whose id is not repeated is its own first.
            ifNull(f.first_row, t._row) AS first_row,
            ifNull(f.first_content, t.content) AS first_content,
            [
                if(t.id = '', 'empty', ''),
                if(t.id != '' AND first_row != t._row AND first_content != t.content, fp_fault('repeated_row', [toString(first_row)]), ''),
                /* include: unit_code_fault */,
                if(t.name = '', 'empty', ''),
                multiIf(t.org != '', '', trimBoth(t.org_written) = '', fp_fault('empty_of', ['mttq, cong_doan, hoi_nong_dan, hoi_phu_nu, doan_thanh_nien, hoi_cuu_chien_binh']),
                        fp_fault('not_organisation', [t.org_written, 'mttq, cong_doan, hoi_nong_dan, hoi_phu_nu, doan_thanh_nien, hoi_cuu_chien_binh'])),
                multiIf(t.pos != '', '', trimBoth(t.pos_written) = '', fp_fault('empty_of', ['chu_tich, pho_chu_tich, uy_vien_thuong_truc, uy_vien, can_bo']),
                        fp_fault('not_position', [t.pos_written, 'chu_tich, pho_chu_tich, uy_vien_thuong_truc, uy_vien, can_bo'])),
                if(t.sex = '', fp_fault('not_gender', [t.sex_written]), ''),
                if(t.year != 0 AND (t.year < 1920 OR t.year > {max_birth_year:UInt16}), fp_fault('not_birth_year', [t.year_written, toString({max_birth_year:UInt16})]), ''),
                if(t.tel != '' AND NOT match(t.tel, '^\\+?\\d{8,12}$'), fp_fault('not_phone', [t.tel_written]), ''),
                if(t.mail != '' AND NOT match(t.mail, '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'), fp_fault('not_email_value', [t.mail_written]), ''),
                if(t.active = '', fp_fault('not_status', [t.active_written, 'đang công tác, đã nghỉ']), ''),
                multiIf(t.updated IS NULL, fp_fault('not_date', [t.updated_written]),
                        t.updated > {loaded_at:DateTime('Asia/Ho_Chi_Minh')} + INTERVAL 1 DAY, fp_fault('in_future', [t.updated_written]), '')
            ] AS details
        FROM staged AS t
        LEFT JOIN {units:Identifier} AS u ON u.code = t.code
        LEFT JOIN stored AS p ON p.officer_id = t.id
        LEFT JOIN firsts AS f ON f.id = t.id
    )
SELECT
    _row,
    id AS officer_id,
    code AS unit_code,
    unit_level,
    province_code,
    commune_code,
    org AS organisation,
    pos AS position,
    sex AS gender,
    year AS birth_year,
    name AS full_name,
    tel AS phone,
    mail AS email,
    toUInt8(active = '1') AS is_active,
    ifNull(stored_first, assumeNotNull(updated)) AS first_recorded_at,
    ifNull(updated, {loaded_at:DateTime('Asia/Ho_Chi_Minh')}) AS updated_at,
    arrayFilter((field, detail) -> detail != '',
        ['officer_id', 'officer_id', 'unit_code', 'full_name', 'organisation', 'position', 'gender', 'birth_year', 'phone', 'email', 'status', 'updated_at'],
        details) AS fault_fields,
    arrayFilter(detail -> detail != '', details) AS fault_details,
    -- Stored already with the same content, or repeated earlier in the file: counted once, as a duplicate.
    toUInt8(length(fault_details) = 0 AND (stored_content = content OR (first_row != _row AND first_content = content))) AS duplicate,
    other_units AS left_units
FROM judged
-- The engine keeps the result in a table (CREATE TABLE … AS): blocks of at most 64k rows or 16 MiB are written as they
-- come, rather than gathered up to a million rows first (measured: a million rows' peak memory 2.0 GiB → 1.2 GiB).
SETTINGS join_use_nulls = 1, max_block_size = 16384, min_insert_block_size_rows = 65536, min_insert_block_size_bytes = 16777216
