-- Faults of rows as codes and values, worded only when shown, in the reader's language (ingest/faults.ts).

-- fp_fault(code, values): a fault as a check writes it: its code and its values, joined by U+001F, the values in the
-- order ingest/faults.ts gives the code's. The two separators are taken out of the values, so that a cell holding one
-- cannot move the values after it.
CREATE FUNCTION IF NOT EXISTS fp_fault AS (code, vals) ->
    arrayStringConcat(arrayPushFront(arrayMap(v -> replaceRegexpAll(v, '[\\x{1E}\\x{1F}]', ' '), vals), code), '\x1F');

ALTER TABLE ingest_quarantine
    COMMENT COLUMN reason 'the row''s faults: each its code and values joined by U+001F, the faults joined by U+001E (ingest/faults.ts words them); English text in runs before migration 0020';
