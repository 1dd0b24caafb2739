-- overdue_petitions_by_child: petitions of a subtree not yet answered and past the deadline in force, by child place
-- (where the matter is), as petitions count them (sql/queries/petitions/petition_figures.sql: answered = given its first
-- answer; the deadline and the place are those in force now): how many are in progress, how many of them overdue, the
-- oldest deadline missed and the earliest receipt among the overdue. The "overdue petitions" warnings.
-- Reads: petition_status (the rollup: each petition's history folded), no texts, no contacts.
-- Parameters:
--   as_of_end      DateTime  the end of the day looked at (now): petitions in progress due before it are overdue
--   province_code  String    '' = national (children are provinces); else this province (children are its communes)
--   commune_code   String    '' = the whole province; else only this commune (its one child row is itself)
-- Columns (most overdue first; children without an overdue petition are left out):
--   child_code String ('' = commune not known), in_progress UInt64, overdue UInt64, oldest_due DateTime (the earliest
--   deadline missed), oldest_received DateTime (the earliest receipt of an overdue petition)
WITH
    {as_of_end:DateTime} AS day_end,
    {province_code:String} AS in_province,
    {commune_code:String} AS in_commune,
    states AS (
        SELECT
            any(s.province_code) AS province_code,
            any(s.commune_code) AS commune_code,
            min(s.received_at) AS received_at,
            min(s.answered_at) AS answered_at,
            argMaxMerge(s.due_at) AS due_at
        FROM petition_status AS s
        WHERE (in_province = '' OR s.province_code = in_province)
          AND (in_commune = '' OR s.commune_code = in_commune)
          -- TRICKY: only petitions with a row not yet answered are folded (most are answered): an answered petition
          -- whose rows are not merged yet lets a few more through, which the fold then counts right. Petitions are
          -- grouped by a 64-bit hash of their id, as petition_figures does: cheaper than the string, and collisions
          -- among a few million ids are out of reach.
          AND cityHash64(s.petition_id) IN (
              SELECT cityHash64(o.petition_id) FROM petition_status AS o
              WHERE o.answered_at IS NULL
                AND (in_province = '' OR o.province_code = in_province)
                AND (in_commune = '' OR o.commune_code = in_commune))
        GROUP BY cityHash64(s.petition_id)
    )
SELECT
    if(in_province = '', st.province_code, st.commune_code) AS child_code,
    countIf(st.answered_at IS NULL) AS in_progress,
    countIf(st.answered_at IS NULL AND st.due_at < day_end) AS overdue,
    minIf(st.due_at, st.answered_at IS NULL AND st.due_at < day_end) AS oldest_due,
    toDateTime(minIf(st.received_at, st.answered_at IS NULL AND st.due_at < day_end), 'Asia/Ho_Chi_Minh') AS oldest_received
FROM states AS st
WHERE st.received_at < day_end
GROUP BY child_code
HAVING overdue > 0
ORDER BY overdue DESC, child_code
