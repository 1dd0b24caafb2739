-- in_scope: a kind's checked rows, with one more fault for each row whose unit lies outside the scope of the user who
-- uploaded the file (a province user's file may hold only their province's units). The kind's check query is put in
-- place of the CHECK marker below by the engine (ingest/pipeline/sql-engine.ts); it gives province_code and commune_code.
-- Parameters:
--   scope_province  String  '' = any province
--   scope_commune   String  '' = any commune
--   scope_name      String  the uploader's unit, for the message
SELECT * REPLACE (
    if(length(fault_details) = 0 AND NOT in_scope, ['unit_code'], fault_fields) AS fault_fields,
    if(length(fault_details) = 0 AND NOT in_scope,
       [multiIf(commune_code != '', fp_fault('outside_scope_commune', [commune_code, {scope_name:String}]),
                province_code != '', fp_fault('outside_scope_province', [province_code, {scope_name:String}]),
                fp_fault('outside_scope_nowhere', [{scope_name:String}]))],
       fault_details) AS fault_details,
    if(length(fault_details) = 0 AND NOT in_scope, 0, duplicate) AS duplicate
)
FROM
(
    SELECT *,
           ({scope_province:String} = '' OR province_code = {scope_province:String})
           AND ({scope_commune:String} = '' OR commune_code = {scope_commune:String}) AS in_scope
    FROM
    (
        /* CHECK */
    )
)
-- As in the check: the engine writes the result as it comes, in blocks of at most 64k rows or 16 MiB.
SETTINGS max_block_size = 16384, min_insert_block_size_rows = 65536, min_insert_block_size_bytes = 16777216
