/**
 * The schema runner: applies sql/migrations/NNNN_verb_object.sql in order and records each in schema_migrations.
 * Safe to re-run: applied migrations are skipped, and every statement is written IF NOT EXISTS, so a run cut short
 * part-way through a file completes on the next run. An applied migration whose file changed is refused:
 * schema changes come as new files.
 */
import crypto from 'node:crypto';
import type { Store } from './index.js';
import { listMigrations, splitStatements, type MigrationFile } from './sql-files.js';

// TRICKY: the bookkeeping table is the one piece of DDL that lives in code; it must exist before any migration can be recorded.
const SCHEMA_MIGRATIONS_DDL = `
CREATE TABLE IF NOT EXISTS schema_migrations
(
    version    UInt32,
    name       String,
    checksum   String,
    applied_at DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(applied_at)
ORDER BY version`;

export interface MigrationReport {
  applied: { version: number; name: string }[];
  alreadyApplied: number;
}

function checksum(sql: string): string {
  return crypto.createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

export async function migrate(
  store: Store,
  options: { migrations?: MigrationFile[]; onApply?: (m: MigrationFile) => void } = {},
): Promise<MigrationReport> {
  const migrations = options.migrations ?? listMigrations();
  await store.command(SCHEMA_MIGRATIONS_DDL);
  const rows = await store.query<{ version: number; name: string; checksum: string }>(
    'SELECT version, name, checksum FROM schema_migrations FINAL ORDER BY version',
  );
  const applied = new Map(rows.map((r) => [r.version, r]));
  const report: MigrationReport = { applied: [], alreadyApplied: 0 };
  for (const migration of migrations) {
    const sum = checksum(migration.sql);
    const done = applied.get(migration.version);
    if (done) {
      if (done.checksum !== sum) {
        throw new Error(
          `${migration.file} was changed after it was applied (as ${String(done.version).padStart(4, '0')}_${done.name}). ` +
            'Applied migrations are history: put the change in a new migration file.',
        );
      }
      report.alreadyApplied++;
      continue;
    }
    options.onApply?.(migration);
    for (const statement of splitStatements(migration.sql)) {
      try {
        await store.command(statement);
      } catch (error) {
        throw new Error(`${migration.file}: ${(error as Error).message}`, { cause: error });
      }
    }
    await store.insert('schema_migrations', [
      { version: migration.version, name: migration.name, checksum: sum, applied_at: new Date().toISOString() },
    ]);
    report.applied.push({ version: migration.version, name: migration.name });
  }
  return report;
}

/** Whether any migration is still to apply: the server migrates at start only when needed. */
export async function pendingMigrations(store: Store): Promise<number> {
  await store.command(SCHEMA_MIGRATIONS_DDL);
  const rows = await store.query<{ version: number }>('SELECT version FROM schema_migrations FINAL');
  const done = new Set(rows.map((r) => r.version));
  return listMigrations().filter((m) => !done.has(m.version)).length;
}
