-- petition_events/check: a run's staged petition events (status changes from the handling system), read and checked,
-- each with its faults and whether it is stored already. The place comes from the petition; the holder and the
-- deadline, when a row does not give them, from the events before it (in the file, then in the store).
-- Reads: the run's staging table; petitions FINAL, petition_status and petition_events (only the run's petitions);
--        units FINAL (codes in force).
-- Parameters:
--   staging        Identifier     the run's staging table (all columns String, and _row)
--   slice_from     UInt16         the first slice checked (_slice, a hash of the kind's slice key: ingest/kinds/)
--   slice_to       UInt16         the last: the engine checks a range at a time, and rows of one record share a slice
--   as_of          Date           unit codes must be in force on this day
--   loaded_at      DateTime       when the run started: events may not be later
--   status_names   Array(String)  statuses as files write them, as match keys; status_codes holds the code of each
--   status_codes   Array(String)
--   answer_levels  Array(String)  handling levels; answer_days holds the days each has to answer
--   answer_days    Array(UInt16)
--   max_note_chars UInt32         the longest note taken
-- Columns:
--   _row UInt64, event_id String, petition_id String, province_code String, commune_code String, event_at DateTime64(3),
--   status LowCardinality(String), unit_code String, handling_level String, due_at DateTime, actor String, note String,
--   fault_fields Array(String), fault_details Array(String) (each a fault's code and values: fp_fault, ingest/faults.ts),
--   duplicate UInt8 (the row as read is kept by
--   sql/ingest/quarantine.sql, from staging)
WITH
    staged AS
    (
        SELECT
            s._row AS _row,
            trimBoth(s.petition_id) AS id,
            transform(fp_key(toLowCardinality(s.status)), {status_names:Array(String)}, {status_codes:Array(String)}, '') AS status_code,
            fp_time(s.event_at) AS at,
            trimBoth(s.unit_code) AS unit_raw,
            if(match(unit_raw, '^\\d{1,4}$'), leftPad(unit_raw, if(length(unit_raw) <= 2, 2, 5), '0'), upperUTF8(unit_raw)) AS unit_given,
            if(trimBoth(s.due_at) = '', NULL, fp_time(s.due_at)) AS due_given,
            normalizeUTF8NFC(trimBoth(s.actor)) AS actor_given,
            normalizeUTF8NFC(trimBoth(s.note)) AS note_given,
            if(trimBoth(s.event_id) != '', trimBoth(s.event_id), concat('h', lower(hex(cityHash64(id, status_code, toString(at)))))) AS eid,
            -- The cells as written, for the messages.
            s.status AS status_written, s.event_at AS at_written, s.due_at AS due_written,
            cityHash64(id, status_code, at, unit_given, due_given, actor_given, note_given) AS content,
            -- What must match an event stored under the same id: its status and time, and what is said with it (said);
            -- the rest is derived.
            cityHash64(status_code, toUnixTimestamp(ifNull(at, toDateTime(0)))) AS core,
            -- What is said with it, as stored: an event sent again must say the same, or it would be dropped unheard.
            cityHash64(if(actor_given = '', 'system', actor_given), note_given) AS said
        FROM {staging:Identifier} AS s
        -- One range of the rows' slices at a time (the engine goes through them all): memory stays bounded by the range.
        WHERE s._slice BETWEEN {slice_from:UInt16} AND {slice_to:UInt16}
    ),
    petitions_of_run AS
    (
        SELECT petition_id, province_code, commune_code, received_at, handling_unit_code, toString(handling_level) AS handling_level, due_at
        FROM petitions FINAL
        WHERE petition_id IN (SELECT id FROM staged)
    ),
    states AS
    (
        SELECT petition_id, argMaxMerge(unit_code) AS unit_code, toString(argMaxMerge(handling_level)) AS handling_level, argMaxMerge(due_at) AS due_at
        FROM petition_status
        WHERE petition_id IN (SELECT id FROM staged)
        GROUP BY petition_id
    ),
    stored AS
    (
        SELECT petition_id, event_id, any(cityHash64(toString(status), toUnixTimestamp(toDateTime(event_at)))) AS core,
               -- Actors were stored as written, not always in NFC, before this check made them so.
               any(cityHash64(normalizeUTF8NFC(actor), note)) AS said
        FROM petition_events
        WHERE petition_id IN (SELECT id FROM staged)
        GROUP BY petition_id, event_id
    ),
    handling_units AS
    (
        SELECT code, toString(level) AS level
        FROM units FINAL
        WHERE valid_from <= {as_of:Date} AND {as_of:Date} < valid_to AND level IN ('central', 'province', 'commune')
          AND code IN (SELECT unit_given FROM staged)
    ),
    repeated AS
    (
        SELECT id, eid
        FROM staged
        GROUP BY id, eid
        HAVING count() > 1
    ),
    firsts AS
    (
        -- Only the events the file repeats: grouping every event with its content doubled the check's work.
        SELECT id, eid, min(_row) AS first_row, argMin(content, _row) AS first_content
        FROM staged
        WHERE (id, eid) IN (SELECT id, eid FROM repeated)
        GROUP BY id, eid
    ),
    placed AS
    (
        -- Each event with its petition, state and unit; the holder it leaves is the last unit given up to it in the file.
        SELECT
            t._row AS _row, t.id AS id, t.eid AS eid, t.status_code AS status_code, t.at AS at, t.unit_raw AS unit_raw,
            t.unit_given AS unit_given, t.due_given AS due_given, t.actor_given AS actor_given, t.note_given AS note_given,
            t.status_written AS status_written, t.at_written AS at_written, t.due_written AS due_written,
            t.content AS content, t.core AS core, t.said AS said,
            p.petition_id AS found_petition, p.province_code AS province, p.commune_code AS commune, p.received_at AS received,
            h.code AS unit_found, h.level AS unit_level,
            coalesce(
                last_value(if(t.unit_given = '' OR h.code IS NULL, NULL, t.unit_given)) OVER w,
                st.unit_code, p.handling_unit_code) AS holder,
            coalesce(
                last_value(if(t.unit_given = '' OR h.code IS NULL, NULL, h.level)) OVER w,
                st.handling_level, p.handling_level) AS holder_level,
            coalesce(st.due_at, p.due_at) AS stored_due,
            sp.core AS stored_core, sp.said AS stored_said,
            -- An event the file does not repeat is its own first.
            ifNull(f.first_row, t._row) AS first_row, ifNull(f.first_content, t.content) AS first_content
        FROM staged AS t
        LEFT JOIN petitions_of_run AS p ON p.petition_id = t.id
        LEFT JOIN states AS st ON st.petition_id = t.id
        LEFT JOIN handling_units AS h ON h.code = t.unit_given
        LEFT JOIN stored AS sp ON sp.petition_id = t.id AND sp.event_id = t.eid
        LEFT JOIN firsts AS f ON f.id = t.id AND f.eid = t.eid
        WINDOW w AS (PARTITION BY t.id ORDER BY t.at, t._row ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
    ),
    dated AS
    (
        -- The deadline after each event: given; or, when the case changes hands or reopens, the new holder's days;
        -- or the last one before it.
        SELECT
            *,
            coalesce(
                last_value(multiIf(
                    due_given IS NOT NULL, due_given,
                    status_code IN ('transferred', 'escalated', 'reopened') AND at IS NOT NULL,
                        toDateTime(at + toIntervalDay(transform(holder_level, {answer_levels:Array(String)}, {answer_days:Array(UInt16)}, 15))),
                    NULL)) OVER w,
                stored_due) AS due
        FROM placed
        WINDOW w AS (PARTITION BY id ORDER BY at, _row ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
    ),
    judged AS
    (
        SELECT
            *,
            arrayFilter(f -> f.2 != '', [
                ('petition_id', multiIf(id = '', 'empty',
                    found_petition IS NULL, fp_fault('petition_not_stored', [id]), '')),
                ('event_id', if(first_row != _row AND first_content != content, fp_fault('key_repeated_row', [eid, toString(first_row)]),
                    if(stored_core IS NOT NULL AND (stored_core != core OR stored_said != said) AND first_row = _row, fp_fault('event_stored', [eid]), ''))),
                ('status', multiIf(status_written = '', 'empty',
                    status_code = '', fp_fault('not_status', [status_written, arrayStringConcat(arrayDistinct({status_codes:Array(String)}), ', ')]), '')),
                ('event_at', multiIf(at_written = '', 'empty',
                    at IS NULL, fp_fault('not_datetime', [at_written]),
                    at > {loaded_at:DateTime('Asia/Ho_Chi_Minh')} + INTERVAL 1 DAY, fp_fault('in_future', [at_written]),
                    received IS NOT NULL AND at < received - INTERVAL 1 DAY, fp_fault('before_received_at', [at_written, toString(received)]), '')),
                ('unit_code', if(unit_given != '' AND unit_found IS NULL, fp_fault('handler_not_in_force', [unit_raw, toString({as_of:Date})]), '')),
                ('due_at', if(due_written != '' AND due_given IS NULL, fp_fault('not_date', [due_written]), '')),
                ('note', if(lengthUTF8(note_given) > {max_note_chars:UInt32},
                    fp_fault('too_long', [toString(lengthUTF8(note_given)), toString({max_note_chars:UInt32})]), ''))
            ]) AS faults
        FROM dated
    )
SELECT
    _row,
    eid AS event_id,
    id AS petition_id,
    ifNull(province, '') AS province_code,
    ifNull(commune, '') AS commune_code,
    toDateTime64(ifNull(at, toDateTime(0)), 3, 'Asia/Ho_Chi_Minh') AS event_at,
    status_code AS status,
    ifNull(holder, '') AS unit_code,
    ifNull(holder_level, 'commune') AS handling_level,
    ifNull(due, toDateTime(0)) AS due_at,
    if(actor_given = '', 'system', actor_given) AS actor,
    note_given AS note,
    arrayMap(f -> f.1, faults) AS fault_fields,
    arrayMap(f -> f.2, faults) AS fault_details,
    toUInt8(length(faults) = 0 AND (stored_core IS NOT NULL OR first_row != _row)) AS duplicate
FROM judged
-- The engine keeps the result in a table (CREATE TABLE … AS): blocks of at most 64k rows or 16 MiB are written as they
-- come, rather than gathered up to a million rows first.
SETTINGS join_use_nulls = 1, max_block_size = 16384, min_insert_block_size_rows = 65536, min_insert_block_size_bytes = 16777216
