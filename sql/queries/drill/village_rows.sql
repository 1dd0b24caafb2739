-- village_rows: the villages and residential groups listed under a unit on a day, a page at a time by code, with their
-- village-level officers: the rows behind the village figures of coverage (sql/queries/coverage/coverage_by_child.sql).
-- Reads: units FINAL (the registry, small), officers FINAL (the page's villages only; no personal column).
-- Parameters:
--   as_of          Date    the day
--   province_code  String  '' = national; else this province
--   commune_code   String  '' = the whole province; else this commune
--   village_code   String  '' = the whole commune; else only this village
--   after_code     String  the last code of the page before ('' = the first page)
--   page_size      UInt32  rows to return
-- Columns (by code):
--   code String, name String, unit_type String, province_code String, commune_code String, listed_from Date (the day
--   its current record took effect), officers UInt64 (active village-level officers), roster_updated_at Nullable(DateTime)
WITH
    page AS
    (
        SELECT code, name, unit_type, province_code, commune_code, valid_from
        FROM units FINAL
        WHERE level = 'village' AND valid_from <= {as_of:Date} AND {as_of:Date} < valid_to
          AND ({province_code:String} = '' OR province_code = {province_code:String})
          AND ({commune_code:String} = '' OR commune_code = {commune_code:String})
          AND ({village_code:String} = '' OR code = {village_code:String})
          AND code > {after_code:String}
        ORDER BY code
        LIMIT {page_size:UInt32}
    )
SELECT
    v.code AS code,
    v.name AS name,
    v.unit_type AS unit_type,
    v.province_code AS province_code,
    v.commune_code AS commune_code,
    v.valid_from AS listed_from,
    ifNull(r.officers, 0) AS officers,
    r.updated_at AS roster_updated_at
FROM page AS v
LEFT JOIN
(
    SELECT o.unit_code AS unit_code, count() AS officers, max(o.updated_at) AS updated_at
    FROM officers AS o FINAL
    WHERE o.unit_level = 'village' AND o.is_active = 1 AND toDate(o.first_recorded_at) <= {as_of:Date}
      AND ({province_code:String} = '' OR o.province_code = {province_code:String})
      AND ({commune_code:String} = '' OR o.commune_code = {commune_code:String})
      AND o.unit_code IN (SELECT code FROM page)
    GROUP BY o.unit_code
) AS r ON r.unit_code = v.code
ORDER BY v.code
SETTINGS join_use_nulls = 1, max_threads = 1
