-- escalated_petitions: the units of a subtree that let petitions from the public form pass their answer deadline, so
-- that the deadline job escalated them one level, in the recent days: how many, how many of those are still not
-- answered now, the first and last escalation. The "escalated petitions" warnings.
-- Reads: petition_events (status 'escalated' by 'system', the recent partitions), petition_status (their state now).
-- Parameters:
--   province_code  String                        '' = national; else this province
--   commune_code   String                        '' = the whole province; else this commune
--   since          DateTime('Asia/Ho_Chi_Minh')  escalations from this moment
--   until          DateTime('Asia/Ho_Chi_Minh')  … to before this one (the end of the day looked at)
-- Columns (most escalated first): unit_code String (the holder that missed the deadline), escalated UInt64 (petitions),
--   still_open UInt64 (of them, not answered now), first_at String, last_at String (Vietnam time)
WITH
    escalations AS
    (
        SELECT e.petition_id AS petition_id, e.province_code AS province_code, e.commune_code AS commune_code,
            e.from_unit_code AS from_unit, e.event_at AS event_at
        FROM petition_events AS e
        WHERE e.status = 'escalated' AND e.actor = 'system' AND e.from_unit_code != ''
          AND e.event_at >= {since:DateTime('Asia/Ho_Chi_Minh')} AND e.event_at < {until:DateTime('Asia/Ho_Chi_Minh')}
          AND ({province_code:String} = '' OR e.province_code = {province_code:String})
          AND ({commune_code:String} = '' OR e.commune_code = {commune_code:String})
    ),
    answered AS
    (
        SELECT s.petition_id AS petition_id
        FROM petition_status AS s
        WHERE (s.province_code, s.commune_code, s.petition_id) IN (SELECT province_code, commune_code, petition_id FROM escalations)
        GROUP BY s.petition_id
        HAVING min(s.answered_at) IS NOT NULL
    )
SELECT
    x.from_unit AS unit_code,
    uniqExact(x.petition_id) AS escalated,
    uniqExactIf(x.petition_id, x.petition_id NOT IN (SELECT petition_id FROM answered)) AS still_open,
    toString(min(x.event_at)) AS first_at,
    toString(max(x.event_at)) AS last_at
FROM escalations AS x
GROUP BY x.from_unit
ORDER BY escalated DESC, unit_code
