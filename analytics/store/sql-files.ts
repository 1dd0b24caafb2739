/**
 * Reading the files under sql/: migrations split into statements, and the query files that analytics functions run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SQL_DIR = fileURLToPath(new URL('../../sql/', import.meta.url));

/**
 * Splits a script on the semicolons that end statements, skipping those inside quotes and comments.
 * Comments are kept with the statement they precede; statements made only of comments are dropped.
 */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  while (i < script.length) {
    const ch = script[i] as string;
    const next = script[i + 1];
    if (ch === '-' && next === '-') {
      const end = script.indexOf('\n', i);
      const stop = end === -1 ? script.length : end + 1;
      current += script.slice(i, stop);
      i = stop;
    } else if (ch === '/' && next === '*') {
      const end = script.indexOf('*/', i + 2);
      const stop = end === -1 ? script.length : end + 2;
      current += script.slice(i, stop);
      i = stop;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1;
      while (j < script.length) {
        if (script[j] === '\\') j += 2;
        else if (script[j] === ch && script[j + 1] === ch) j += 2;
        else if (script[j] === ch) break;
        else j++;
      }
      current += script.slice(i, j + 1);
      i = j + 1;
    } else if (ch === ';') {
      statements.push(current);
      current = '';
      i++;
    } else {
      current += ch;
      i++;
    }
  }
  statements.push(current);
  return statements.map((s) => s.trim()).filter((s) => stripComments(s).trim().length > 0);
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*\n?/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
}

export interface MigrationFile {
  version: number;
  name: string;
  file: string;
  sql: string;
}

const MIGRATION_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function listMigrations(dir = path.join(SQL_DIR, 'migrations')): MigrationFile[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const seen = new Set<number>();
  return files.map((file) => {
    const match = MIGRATION_NAME.exec(file);
    if (!match) throw new Error(`${path.join(dir, file)}: a migration file is named NNNN_verb_object.sql`);
    const version = Number(match[1]);
    if (seen.has(version)) throw new Error(`${path.join(dir, file)}: migration number ${match[1]} is used twice`);
    seen.add(version);
    return { version, name: match[2] as string, file: path.join(dir, file), sql: fs.readFileSync(path.join(dir, file), 'utf8') };
  });
}

const fileCache = new Map<string, string>();

/** Where a file takes a piece of SQL that several files share: `/* include: name *\/`, name in the same folder. */
const INCLUDE = /\/\* include: ([a-z_/]+) \*\//g;

/**
 * The text of sql/<folder>/<name>.sql, read once, each include marker replaced by the text of the file it names (a
 * rule two checks share, as sql/ingest/unit_code_read.sql, is written once).
 */
export function loadSqlFile(folder: 'queries' | 'ingest', name: string): string {
  const key = `${folder}/${name}`;
  let sql = fileCache.get(key);
  if (sql === undefined) {
    sql = fs.readFileSync(path.join(SQL_DIR, folder, `${name}.sql`), 'utf8').replace(INCLUDE, (_, included: string) => loadSqlFile(folder, included));
    fileCache.set(key, sql);
  }
  return sql;
}

/** The text of sql/queries/<name>.sql, read once. `name` is "<area>/<metric>". */
export function loadQuery(name: string): string {
  return loadSqlFile('queries', name);
}

/** Every query file, as "<area>/<metric>" names: the contract test runs them all. */
export function listQueries(): string[] {
  const root = path.join(SQL_DIR, 'queries');
  const names: string[] = [];
  for (const area of fs.readdirSync(root).sort()) {
    const dir = path.join(root, area);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).sort()) {
      if (file.endsWith('.sql')) names.push(`${area}/${file.slice(0, -4)}`);
    }
  }
  return names;
}

/**
 * The parameters a query file declares in its header, as "--   name  Type  meaning" lines under "-- Parameters:".
 */
export function declaredParameters(sql: string): { name: string; type: string }[] {
  const lines = sql.split('\n');
  const start = lines.findIndex((l) => /^--\s*Parameters:/i.test(l));
  if (start === -1) return [];
  const params: { name: string; type: string }[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = /^--\s{2,}([a-z_][a-z0-9_]*)\s+(\S+)/.exec(line);
    if (!m) break;
    params.push({ name: m[1] as string, type: m[2] as string });
  }
  return params;
}

/** The `{name:Type}` placeholders a query uses. */
export function usedParameters(sql: string): { name: string; type: string }[] {
  const seen = new Map<string, string>();
  for (const m of stripComments(sql).matchAll(/\{([a-z_][a-z0-9_]*):([^}]+)\}/g)) seen.set(m[1] as string, m[2] as string);
  return [...seen].map(([name, type]) => ({ name, type }));
}
