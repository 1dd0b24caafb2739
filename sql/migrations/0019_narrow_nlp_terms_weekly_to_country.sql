-- nlp_terms_weekly keeps the whole country only. Its rows per text (every term, for the country and again for the
-- province) made the rollup the dearest part of storing a label: about 90 µs of CPU a label, a quarter of a labelled
-- petition's ingestion. A province's texts are a thirty-fourth of the country's, few enough to count from
-- nlp_labels as a commune's are (sql/queries/opinion/rising_term_counts.sql), which halves the rollup's rows.
-- TRICKY: dropped and made again rather than altered (a materialized view's query cannot be changed in place); a run
-- cut between the two leaves the rollup short of some texts, which the keyword query notices and counts from the texts.
DROP VIEW IF EXISTS nlp_terms_weekly_mv;

CREATE MATERIALIZED VIEW IF NOT EXISTS nlp_terms_weekly_mv TO nlp_terms_weekly AS
SELECT l.model_version AS model_version, l.item_kind AS item_kind, 'VN' AS scope_code, toMonday(l.occurred_at) AS week_start, term, count() AS texts
FROM nlp_labels AS l
ARRAY JOIN arrayConcat([''], l.terms) AS term
GROUP BY model_version, item_kind, week_start, term;

ALTER TABLE nlp_terms_weekly MODIFY COLUMN scope_code LowCardinality(String) COMMENT 'VN: the whole country (rows of a province code were kept until migration 0019)';

DELETE FROM nlp_terms_weekly WHERE scope_code != 'VN';
