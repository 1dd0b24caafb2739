-- petition_holders: the unit holding each of some petitions now (a page of search hits), from their histories.
-- Reads: petition_status by its sort key (the petitions' places, then their ids).
-- Parameters:
--   provinces  Array(String)  the petitions' provinces
--   communes   Array(String)  their communes
--   ids        Array(String)  their ids
-- Columns: petition_id String, holder String
SELECT s.petition_id AS petition_id, argMaxMerge(s.unit_code) AS holder
FROM petition_status AS s
WHERE s.province_code IN {provinces:Array(String)} AND s.commune_code IN {communes:Array(String)}
  AND s.petition_id IN {ids:Array(String)}
GROUP BY s.petition_id
