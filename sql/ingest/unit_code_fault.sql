-- unit_code_fault: a check's fault for a row's unit code, put in place of its "include: unit_code_fault" marker by
-- loadSqlFile (analytics/store/sql-files.ts): an expression, '' when the code is read as a unit in force.
-- Reads: the staged row read by unit_code_read.sql as t, and the unit in force it names as u (u.code NULL when none).
-- Parameters:
--   as_of  Date  the day whose units are in force
multiIf(t.unit_raw = '', 'empty',
        t.ambiguous, fp_fault('unit_code_ambiguous', [t.unit_raw, t.code_read, t.as_commune]),
        u.code IS NULL, fp_fault('unit_not_in_force', [t.unit_raw, toString({as_of:Date})]), '')
