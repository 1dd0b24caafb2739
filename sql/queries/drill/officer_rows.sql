-- officer_rows: the officers behind a roster figure, a page at a time, WITHOUT any personal column: their unit,
-- organisation, position, gender, birth decade, age band, whether active, and when their record last changed. Counted
-- as sql/queries/rosters/officers_by_group.sql counts them: recorded by the day, active unless asked otherwise.
-- Reads: officers FINAL (the subtree's rows, in sort-key order; full_name, phone and email are never read).
-- Parameters:
--   as_of           Date    the day
--   province_code   String  '' = national; else this province
--   commune_code    String  '' = the whole province (its own roster included); else this commune and its villages
--   village_code    String  '' = the whole commune; else this village's roster only
--   unit_level      String  '' = every level; else province, commune or village rosters
--   organisation    String  '' = any
--   position        String  '' = any
--   gender          String  '' = any; male, female or unknown
--   age_band        String  '' = any; under_30, 30_39, 40_49, 50_59, 60_plus or unknown (age in the day's year)
--   active          String  yes = active officers (what the figures count), no = those no longer on the roster, any
--   after_province  String  the sort key of the last row of the page before (all '' for the first page)
--   after_commune   String
--   after_unit      String
--   after_id        String
--   page_size       UInt32  rows to return
-- Columns (in the table's sort order: province, commune, unit, officer id):
--   officer_id String (the roster's id, for paging), unit_code String, unit_level String, province_code String,
--   commune_code String, organisation String, position String, gender String, birth_years String ('1980-1989',
--   'unknown'), age_band String, is_active UInt8, updated_at DateTime
WITH toYear({as_of:Date}) AS year
SELECT
    o.officer_id AS officer_id,
    o.unit_code AS unit_code,
    toString(o.unit_level) AS level_code,
    o.province_code AS province_code,
    o.commune_code AS commune_code,
    toString(o.organisation) AS organisation_code,
    toString(o.position) AS position_code,
    toString(o.gender) AS gender_code,
    -- 0 is "unknown"; a birth year after the day is a typing error, unknown too.
    if(o.birth_year = 0 OR o.birth_year > year, 'unknown',
        concat(toString(intDiv(o.birth_year, 10) * 10), '-', toString(intDiv(o.birth_year, 10) * 10 + 9))) AS birth_years,
    multiIf(o.birth_year = 0 OR o.birth_year > year, 'unknown',
            year - o.birth_year < 30, 'under_30',
            year - o.birth_year < 40, '30_39',
            year - o.birth_year < 50, '40_49',
            year - o.birth_year < 60, '50_59',
            '60_plus') AS band,
    o.is_active AS is_active,
    o.updated_at AS updated_at
FROM officers AS o FINAL
WHERE toDate(o.first_recorded_at) <= {as_of:Date}
  AND ({active:String} = 'any' OR o.is_active = ({active:String} = 'yes'))
  AND ({province_code:String} = '' OR o.province_code = {province_code:String})
  AND ({commune_code:String} = '' OR o.commune_code = {commune_code:String})
  AND ({village_code:String} = '' OR o.unit_code = {village_code:String})
  AND ({unit_level:String} = '' OR level_code = {unit_level:String})
  AND ({organisation:String} = '' OR organisation_code = {organisation:String})
  AND ({position:String} = '' OR position_code = {position:String})
  AND ({gender:String} = '' OR gender_code = {gender:String})
  AND ({age_band:String} = '' OR band = {age_band:String})
  AND (o.province_code, o.commune_code, o.unit_code, o.officer_id)
      > ({after_province:String}, {after_commune:String}, {after_unit:String}, {after_id:String})
ORDER BY o.province_code, o.commune_code, o.unit_code, o.officer_id
LIMIT {page_size:UInt32}
