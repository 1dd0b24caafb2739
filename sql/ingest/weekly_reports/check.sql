-- weekly_reports/check: a run's staged weekly-report rows, read and checked, each with its faults, the values it
-- changes and whether it is a duplicate. A row gives one unit's week either in long form (indicator, value) or in wide
-- form (one column per indicator, empty cells not reported).
-- Reads: the run's staging table; the run's units in force (units); weekly_reports FINAL (only the units the run holds).
-- Parameters:
--   staging          Identifier     the run's staging table (all columns String, and _row)
--   units            Identifier     the run's table of the units in force on as_of (code, level, province_code, commune_code)
--   slice_from       UInt16         the first slice checked (_slice, a hash of the kind's slice key: ingest/kinds/)
--   slice_to         UInt16         the last: the engine checks a range at a time, and rows of one record share a slice
--   as_of            Date           unit codes must be in force on this day, and weeks may not start after it
--   loaded_at        DateTime       when the run started: the submission time of rows that give none
--   indicator_names  Array(String)  indicator names as files write them, folded; indicator_codes holds the code of each
--   indicator_codes  Array(String)
-- Columns:
--   _row UInt64, unit_code String, unit_level String, province_code String, commune_code String, week_start Date,
--   indicators Array(String), values Array(Float64) (the pairs that are new or changed), submitted_at DateTime,
--   fault_fields Array(String), fault_details Array(String) (each a fault's code and values: fp_fault, ingest/faults.ts),
--   duplicate UInt8 (the row as read is kept by
--   sql/ingest/quarantine.sql, from staging)
WITH
    staged AS
    (
        SELECT
            s._row AS _row,
            /* include: unit_code_read */
            fp_week(s.week) AS week,
            -- (field, indicator, value as written). An indicator name no vocabulary entry has keeps a leading "?".
            if(trimBoth(s.indicator) != '' OR trimBoth(s.value) != '',
               [('value', transform(fp_key(toLowCardinality(s.indicator)), {indicator_names:Array(String)}, {indicator_codes:Array(String)}, concat('?', trimBoth(s.indicator))), trimBoth(s.value))],
               arrayFilter(p -> p.3 != '', [
                   ('petitions_received', 'petitions_received', trimBoth(s.petitions_received)),
                   ('petitions_resolved', 'petitions_resolved', trimBoth(s.petitions_resolved)),
                   ('meetings_held', 'meetings_held', trimBoth(s.meetings_held)),
                   ('supervision_activities', 'supervision_activities', trimBoth(s.supervision_activities)),
                   ('residents_reached', 'residents_reached', trimBoth(s.residents_reached)),
                   ('households_supported', 'households_supported', trimBoth(s.households_supported)),
                   ('aid_value_million_vnd', 'aid_value_million_vnd', trimBoth(s.aid_value_million_vnd))])) AS given,
            arrayMap(p -> p.2, given) AS given_indicators,
            arrayMap(p -> fp_number(p.3), given) AS given_values,
            if(trimBoth(s.submitted_at) = '', {loaded_at:DateTime('Asia/Ho_Chi_Minh')}, fp_time(toLowCardinality(s.submitted_at))) AS submitted, -- read once a block for each time written, as in officers/check.sql
            -- The cells as written, for the messages.
            s.week AS week_written, s.submitted_at AS submitted_written,
            -- Rows of the same unit, week and indicators: the first decides; a later one repeats it or contradicts it.
            cityHash64(code, week, arraySort(given_indicators)) AS row_key,
            cityHash64(code, week, given_indicators, given_values) AS content
        FROM {staging:Identifier} AS s
        -- One range of the rows' slices at a time (the engine goes through them all): memory stays bounded by the range.
        WHERE s._slice BETWEEN {slice_from:UInt16} AND {slice_to:UInt16}
    ),
    stored AS
    (
        SELECT unit_code, week_start, groupArray((toString(indicator), value)) AS pairs
        FROM weekly_reports FINAL
        WHERE unit_code IN (SELECT code FROM staged)
        GROUP BY unit_code, week_start
    ),
    repeated AS
    (
        SELECT row_key
        FROM staged
        GROUP BY row_key
        HAVING count() > 1
    ),
    firsts AS
    (
        -- Only the keys the file repeats: grouping every key with its content doubled the check's work.
        SELECT row_key, min(_row) AS first_row, argMin(content, _row) AS first_content
        FROM staged
        WHERE row_key IN (SELECT row_key FROM repeated)
        GROUP BY row_key
    ),
    judged AS
    (
        SELECT
            t._row AS _row, t.code AS code, t.week AS week, t.given AS given, t.given_indicators AS given_indicators,
            t.given_values AS given_values, t.submitted AS submitted, t.content AS content,
            ifNull(u.level, '') AS level,
            ifNull(u.province_code, '') AS province,
            ifNull(u.commune_code, '') AS commune,
            -- A row whose key is not repeated is its own first.
            ifNull(f.first_row, t._row) AS first_row,
            ifNull(f.first_content, t.content) AS first_content,
            -- The pairs that are not stored with the same value already.
            arrayFilter((i, v) -> NOT has(ifNull(p.pairs, []), (i, ifNull(v, nan))), t.given_indicators, t.given_values) AS changed_indicators,
            arrayFilter((v, i) -> NOT has(ifNull(p.pairs, []), (i, ifNull(v, nan))), t.given_values, t.given_indicators) AS changed_values,
            arrayFilter(f -> f.2 != '', arrayConcat(
                [
                    ('unit_code', /* include: unit_code_fault */),
                    ('week', multiIf(
                        t.week_written = '', 'empty',
                        t.week IS NULL, fp_fault('not_week', [t.week_written]),
                        t.week > {as_of:Date}, fp_fault('week_after', [t.week_written, toString({as_of:Date})]), '')),
                    ('indicator', if(length(t.given) = 0, 'no_values', '')),
                    ('unit_code', if(first_row != t._row AND first_content != t.content, fp_fault('report_repeated_row', [toString(first_row)]), '')),
                    ('submitted_at', multiIf(
                        t.submitted IS NULL, fp_fault('not_date', [t.submitted_written]),
                        t.submitted > {loaded_at:DateTime('Asia/Ho_Chi_Minh')} + INTERVAL 1 DAY, fp_fault('in_future', [t.submitted_written]), ''))
                ],
                arrayMap(p -> ('indicator', if(startsWith(p.2, '?'),
                    fp_fault('not_indicator', [substring(p.2, 2), arrayStringConcat(arrayDistinct({indicator_codes:Array(String)}), ', ')]), '')), t.given),
                arrayMap(p -> (p.1, multiIf(
                    fp_number(p.3) IS NULL, fp_fault('not_number', [p.3]),
                    fp_number(p.3) < 0, fp_fault('negative', [p.3]), '')), t.given)
            )) AS faults
        FROM staged AS t
        LEFT JOIN {units:Identifier} AS u ON u.code = t.code
        LEFT JOIN stored AS p ON p.unit_code = t.code AND p.week_start = t.week
        LEFT JOIN firsts AS f ON f.row_key = t.row_key
    )
SELECT
    _row,
    code AS unit_code,
    level AS unit_level,
    province AS province_code,
    commune AS commune_code,
    ifNull(week, toDate(0)) AS week_start,
    changed_indicators AS indicators,
    arrayMap(v -> assumeNotNull(v), changed_values) AS values,
    ifNull(submitted, {loaded_at:DateTime('Asia/Ho_Chi_Minh')}) AS submitted_at,
    arrayMap(f -> f.1, faults) AS fault_fields,
    arrayMap(f -> f.2, faults) AS fault_details,
    -- Stored already with the same values, or repeated earlier in the file: counted once, as a duplicate.
    toUInt8(length(faults) = 0 AND (length(changed_indicators) = 0 OR (first_row != _row AND first_content = content))) AS duplicate
FROM judged
-- The engine keeps the result in a table (CREATE TABLE … AS): blocks of at most 64k rows or 16 MiB are written as they
-- come, rather than gathered up to a million rows first.
SETTINGS join_use_nulls = 1, max_block_size = 16384, min_insert_block_size_rows = 65536, min_insert_block_size_bytes = 16777216
