-- registry_fingerprint: changes whenever the registry or the table of former units does; a process that keeps the
-- places in memory (the labelling threads) loads them again when it changes.
-- Reads: units, unit_successions (counts and latest update only).
-- Columns:
--   fingerprint String
SELECT concat(
    toString((SELECT count() FROM units)), '/', toString((SELECT max(updated_at) FROM units)), '/',
    toString((SELECT count() FROM unit_successions)), '/', toString((SELECT max(updated_at) FROM unit_successions))) AS fingerprint
