-- reviewed_texts: every analyst correction with the text it corrects, for the next training of the shipped models.
-- Reads: nlp_reviews FINAL, petitions, opinion_posts (only the reviewed items, by id).
-- Parameters: none
-- Columns:
--   item_kind String, item_id String, text String, topic String ('' when only sentiment was corrected), sentiment String
WITH reviews AS (
    SELECT item_kind, item_id, anyIf(label, task = 'topic') AS topic, anyIf(label, task = 'sentiment') AS sentiment
    FROM nlp_reviews FINAL
    GROUP BY item_kind, item_id
)
SELECT toString(r.item_kind) AS item_kind, r.item_id AS item_id, t.text AS text, r.topic AS topic, r.sentiment AS sentiment
FROM reviews AS r
INNER JOIN
(
    SELECT 'petition' AS kind, petition_id AS id, concat(title, '. ', text) AS text FROM petitions
    WHERE petition_id IN (SELECT item_id FROM nlp_reviews WHERE item_kind = 'petition')
    UNION ALL
    SELECT 'post', post_id, text FROM opinion_posts
    WHERE post_id IN (SELECT item_id FROM nlp_reviews WHERE item_kind = 'post')
) AS t ON t.kind = toString(r.item_kind) AND t.id = r.item_id
ORDER BY item_kind, item_id
