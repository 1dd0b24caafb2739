-- petition_deadlines: the answer deadline of each topic that has its own (latest version, not deleted).
-- Reads: petition_deadlines FINAL (one row a topic at most).
-- Parameters: none.
-- Columns: topic String, answer_days UInt16 (days from receipt, transfer or escalation), updated_by String,
--   updated_at String (Vietnam time)
SELECT d.topic AS topic, d.answer_days AS answer_days, d.updated_by AS updated_by, toString(d.updated_at) AS updated_at
FROM petition_deadlines AS d FINAL
WHERE d.deleted = 0
ORDER BY d.topic
