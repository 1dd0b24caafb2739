-- units_without_chair: the provinces and communes of a subtree whose roster on a day has active officers but no active
-- Chair (chu_tich) of the Fatherland Front (mttq), with a total row counting the units checked.
-- Reads: units FINAL (provinces and communes in force), officers FINAL (province and commune rosters), each once.
-- Village rosters are not checked: a village has a Front work committee, not a Front chair.
-- Parameters:
--   as_of          Date    the day
--   province_code  String  '' = national; else this province (itself and its communes)
--   commune_code   String  '' = the whole province; else this commune only
--   village_code   String  '' = not a village; a village has no unit to check (the answer is the empty total)
-- Columns (the total first: is_total = 1, code = ''):
--   is_total UInt8, code String, name String, level String ('province' or 'commune'), province_code String,
--   units_total UInt64 (provinces and communes in force), units_with_roster UInt64 (with an active officer),
--   units_without_chair UInt64 (of those, without a Front chair), officers UInt64 (active officers),
--   front_officers UInt64 (of them, of the Front), roster_updated_at Nullable(DateTime) (latest change to an officer)
WITH
    {as_of:Date} AS day,
    {province_code:String} AS in_province,
    {commune_code:String} AS in_commune,
    {village_code:String} AS in_village,
    'mttq' AS front,
    'chu_tich' AS chair,
    places (code, name, level, province_code) AS (
        SELECT u.code, u.name, toString(u.level), u.province_code
        FROM units AS u FINAL
        WHERE u.level IN ('province', 'commune') AND in_village = ''
          AND u.valid_from <= day AND day < u.valid_to
          AND (in_province = '' OR u.province_code = in_province)
          AND (in_commune = '' OR u.commune_code = in_commune)
    ),
    rosters (code, officers, front_officers, chairs, updated_at) AS (
        SELECT o.unit_code, count(), countIf(o.organisation = front), countIf(o.organisation = front AND o.position = chair),
               max(o.updated_at)
        FROM officers AS o FINAL
        WHERE o.is_active = 1 AND toDate(o.first_recorded_at) <= day AND o.unit_level IN ('province', 'commune')
          AND in_village = ''
          AND (in_province = '' OR o.province_code = in_province)
          AND (in_commune = '' OR o.commune_code = in_commune)
        GROUP BY o.unit_code
    ),
    checked (code, name, level, province_code, officers, front_officers, chairs, updated_at) AS (
        SELECT p.code, p.name, p.level, p.province_code, ifNull(r.officers, 0), ifNull(r.front_officers, 0),
               ifNull(r.chairs, 0), r.updated_at
        FROM places AS p
        LEFT JOIN rosters AS r ON r.code = p.code
    )
SELECT
    grouping(c.code) AS is_total,
    ifNull(c.code, '') AS code,
    if(is_total = 1, '', any(c.name)) AS name,
    if(is_total = 1, '', any(c.level)) AS level,
    if(is_total = 1, '', any(c.province_code)) AS province_code,
    count() AS units_total,
    countIf(c.officers > 0) AS units_with_roster,
    countIf(c.officers > 0 AND c.chairs = 0) AS units_without_chair,
    sum(c.officers) AS officers,
    sum(c.front_officers) AS front_officers,
    max(c.updated_at) AS roster_updated_at
FROM checked AS c
GROUP BY GROUPING SETS ((c.code), ())
HAVING is_total = 1 OR units_without_chair > 0
ORDER BY is_total DESC, level = 'province' DESC, code
SETTINGS group_by_use_nulls = 1, join_use_nulls = 1, max_threads = 1
