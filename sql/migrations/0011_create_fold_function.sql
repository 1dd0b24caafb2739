-- fp_fold(s): lower case without diacritics ("Hội Liên hiệp Phụ nữ" → "hoi lien hiep phu nu"), so that ingestion matches
-- vocabularies (organisations, positions, statuses) however a spreadsheet spells them. The same fold as
-- analytics/nlp/text.ts foldDiacritics, inside the engine.
CREATE FUNCTION IF NOT EXISTS fp_fold AS (s) ->
    replaceAll(replaceRegexpAll(normalizeUTF8NFD(lowerUTF8(trimBoth(s))), '\\p{Mn}', ''), 'đ', 'd');

-- Look-ups by a record's id, for skipping what is already stored: data-skipping indexes on the natural keys,
-- which are not the tables' sort keys (those serve the dashboards' questions).
ALTER TABLE petitions ADD INDEX IF NOT EXISTS petitions_id_index petition_id TYPE bloom_filter(0.01) GRANULARITY 2;
ALTER TABLE petition_events ADD INDEX IF NOT EXISTS petition_events_id_index petition_id TYPE bloom_filter(0.01) GRANULARITY 2;
ALTER TABLE opinion_posts ADD INDEX IF NOT EXISTS opinion_posts_id_index post_id TYPE bloom_filter(0.01) GRANULARITY 2;
ALTER TABLE officers ADD INDEX IF NOT EXISTS officers_id_index officer_id TYPE bloom_filter(0.01) GRANULARITY 2;
ALTER TABLE nlp_labels ADD INDEX IF NOT EXISTS nlp_labels_id_index item_id TYPE bloom_filter(0.01) GRANULARITY 2;
