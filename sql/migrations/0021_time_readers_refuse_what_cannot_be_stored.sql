-- fp_time again (0013), refusing what it read as another time. A DateTime holds nothing before 1970, so "1899-12-31",
-- "01/01/1900" and "1969-12-31 23:00" were stored as 1970-01-01; and its best-effort branch read "1", "12" and "2025"
-- as days of a year. Now: a day written with its day, month and year (ISO, day first, year first with slashes, with a
-- time or not), "ngày 16 tháng 9 năm 2025", or an Excel day number; from 1971 to 2099, else NULL, as
-- ingest/pipeline/values.ts parseTime reads them (test/contract/value-readers.test.ts holds the two to the same answers).
-- TRICKY: the year read must be the year written (one apart at most, for a zone that moves the time across a new
-- year): parseDateTimeBestEffort clamps a day it cannot hold instead of failing.
CREATE FUNCTION IF NOT EXISTS fp_time_written AS (t, y) ->
    if(y BETWEEN 1971 AND 2099 AND t IS NOT NULL AND abs(toInt32(toYear(assumeNotNull(t))) - toInt32(y)) <= 1, t, NULL);

CREATE OR REPLACE FUNCTION fp_time AS (s) -> multiIf(
    match(trimBoth(s), '^\\d{5}(\\.\\d+)?$') AND toFloat64OrZero(trimBoth(s)) BETWEEN 25934 AND 73050,
        -- days since 1899-12-30, a wall-clock time: 25934 is 1971-01-01, and Vietnam is UTC+7 all year.
        toDateTime(toInt64(round((toFloat64OrZero(trimBoth(s)) - 25569) * 86400)) - 25200, 'Asia/Ho_Chi_Minh'),
    match(fp_fold(s), '^ngay\\s*\\d{1,2}\\s*thang\\s*\\d{1,2}\\s*nam\\s*\\d{4}$'),
        fp_time_written(parseDateTimeBestEffortOrNull(
            replaceRegexpOne(fp_fold(s), '^ngay\\s*(\\d{1,2})\\s*thang\\s*(\\d{1,2})\\s*nam\\s*(\\d{4})$', '\\1/\\2/\\3'), 'Asia/Ho_Chi_Minh'),
            toUInt16OrZero(extract(fp_fold(s), '(\\d{4})$'))),
    match(trimBoth(s), '^(\\d{4}[-/]\\d{1,2}[-/]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{4})([T ,].*)?$'),
        fp_time_written(parseDateTimeBestEffortOrNull(trimBoth(s), 'Asia/Ho_Chi_Minh'), toUInt16OrZero(extract(trimBoth(s), '(\\d{4})'))),
    NULL);
