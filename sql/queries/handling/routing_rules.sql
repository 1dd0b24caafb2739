-- routing_rules: the routing rules in force (latest version of each, not deleted), in the order they are tried.
-- Reads: routing_rules FINAL (a few rows, edited by admins).
-- Parameters: none.
-- Columns: rule_id String, position UInt32, topic String ('' = any), terms Array(String) (diacritic-free phrases),
--   place String (any, commune, province, none), route_to String (central, province, commune), reason String,
--   enabled UInt8, updated_by String, updated_at String (Vietnam time)
SELECT
    r.rule_id AS rule_id,
    r.position AS position,
    r.topic AS topic,
    r.terms AS terms,
    toString(r.place) AS place,
    toString(r.route_to) AS route_to,
    r.reason AS reason,
    r.enabled AS enabled,
    r.updated_by AS updated_by,
    toString(r.updated_at) AS updated_at
FROM routing_rules AS r FINAL
WHERE r.deleted = 0
ORDER BY r.position, r.rule_id
