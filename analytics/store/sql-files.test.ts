import { describe, expect, it } from 'vitest';
import { declaredParameters, listMigrations, listQueries, loadQuery, loadSqlFile, splitStatements, usedParameters } from './sql-files.js';

describe('splitStatements', () => {
  it('splits on semicolons that end statements and keeps leading comments', () => {
    const parts = splitStatements('-- first\nCREATE TABLE a (x UInt8) ENGINE = Memory;\n\nSELECT 1;\n');
    expect(parts).toEqual(['-- first\nCREATE TABLE a (x UInt8) ENGINE = Memory', 'SELECT 1']);
  });

  it('ignores semicolons inside strings, quoted names and comments', () => {
    const sql = "SELECT 'a;b', \"c;d\", `e;f` -- g;h\n/* i;j */ FROM t;SELECT 'it''s; fine'";
    expect(splitStatements(sql)).toHaveLength(2);
    expect(splitStatements(sql)[1]).toBe("SELECT 'it''s; fine'");
  });

  it('drops statements made only of comments', () => {
    expect(splitStatements('SELECT 1;\n-- trailing note\n')).toEqual(['SELECT 1']);
  });
});

describe('sql folder', () => {
  it('has migrations numbered without gaps from 0001', () => {
    const versions = listMigrations().map((m) => m.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
  });

  it('declares in each query header exactly the parameters the query uses', () => {
    for (const name of listQueries()) {
      const sql = loadQuery(name);
      const declared = declaredParameters(sql).map((p) => `${p.name}:${p.type}`).sort();
      const used = usedParameters(sql).map((p) => `${p.name}:${p.type}`).sort();
      expect(declared, name).toEqual(used);
    }
  });
});

describe('loadSqlFile', () => {
  it('puts the shared piece in place of each include marker, in every file that takes it', () => {
    const piece = loadSqlFile('ingest', 'unit_code_read');
    for (const check of ['officers/check', 'weekly_reports/check']) {
      const sql = loadSqlFile('ingest', check);
      expect(sql).toContain(piece);
      expect(sql).toContain(loadSqlFile('ingest', 'unit_code_fault'));
      expect(sql).not.toMatch(/\/\* include:/);
    }
  });
});
