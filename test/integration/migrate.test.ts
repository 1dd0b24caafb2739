/**
 * The schema runner on the real embedded engine: order, records, re-runs, and the rule that history is not rewritten.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../analytics/store/migrate.js';
import { listMigrations } from '../../analytics/store/sql-files.js';
import { openTestStore, tempDir, type TestStore } from '../support/store.js';

let t: TestStore;
beforeAll(async () => {
  t = await openTestStore({ migrate: false });
});
afterAll(async () => t.close());

describe('migrate', () => {
  it('applies every migration in order and records each', async () => {
    const report = await migrate(t.store);
    expect(report.applied.map((m) => m.version)).toEqual(listMigrations().map((m) => m.version));
    const recorded = await t.store.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations FINAL ORDER BY version');
    expect(recorded.map((r) => r.name)).toContain('create_petitions');
  });

  it('is a no-op when re-run', async () => {
    expect(await migrate(t.store)).toEqual({ applied: [], alreadyApplied: listMigrations().length });
  });

  it('refuses an applied migration whose file was edited afterwards', async () => {
    const edited = listMigrations().map((m) => (m.version === 1 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    await expect(migrate(t.store, { migrations: edited })).rejects.toThrow(/changed after it was applied/);
  });

  it('applies a new numbered file on top', async () => {
    const dir = tempDir();
    for (const m of listMigrations()) fs.copyFileSync(m.file, path.join(dir, path.basename(m.file)));
    const next = listMigrations().length + 1;
    fs.writeFileSync(path.join(dir, `${String(next).padStart(4, '0')}_create_probe.sql`), 'CREATE TABLE IF NOT EXISTS probe (x UInt8) ENGINE = MergeTree ORDER BY x;');
    const { listMigrations: list } = await import('../../analytics/store/sql-files.js');
    const report = await migrate(t.store, { migrations: list(dir) });
    expect(report.applied).toEqual([{ version: next, name: 'create_probe' }]);
  });

  it('marks every column that holds personal data', async () => {
    const marked = await t.store.query<{ table: string; name: string }>(
      "SELECT table, name FROM system.columns WHERE database = currentDatabase() AND startsWith(comment, 'PERSONAL') ORDER BY table, name",
    );
    expect(marked.map((c) => `${c.table}.${c.name}`)).toEqual([
      'ingest_quarantine.raw',
      'officers.email',
      'officers.full_name',
      'officers.phone',
      'opinion_posts.author_handle',
      'petition_submissions.contact_sealed',
      'petitions.contact_sealed',
    ]);
  });
});
