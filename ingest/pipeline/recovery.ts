/**
 * After a crash: what a run that died (SIGKILL, power cut) leaves is cleaned up when the store's owner starts. Its
 * staging tables are dropped and its record says "interrupted". Its rows need no repair: what it stored is found
 * stored when the file is loaded again, and what it left half-written (a petition without its label) is completed then.
 */
import type { Store } from '../../analytics/store/index.js';
import { defineQuery } from '../../analytics/queries/define.js';
import { loadSqlFile } from '../../analytics/store/sql-files.js';
import { timeInVietnam } from '../../analytics/clock.js';

const staleStagingTables = defineQuery<{ older_than_hours: number }, { name: string }>('meta/stale_staging_tables');
const runsCutShort = defineQuery<{ started_before: number }, { run_id: string; kind: string; file: string }>('ingest/runs_cut_short');

export interface Recovery {
  stagingTablesDropped: number;
  /** The runs now recorded as interrupted: their files are to be loaded again. */
  interrupted: { run_id: string; kind: string; file: string }[];
}

/**
 * `olderThanHours`: only what is at least this old. The embedded store has one process, so everything left is dead
 * (0); with a ClickHouse server another process may be loading a file right now (24).
 */
export async function recoverInterruptedRuns(store: Store, olderThanHours: number): Promise<Recovery> {
  const tables = await staleStagingTables(store, { older_than_hours: olderThanHours });
  for (const t of tables) await store.command('DROP TABLE IF EXISTS {name:Identifier}', { name: t.name });
  const cutoff = new Date(Date.now() - olderThanHours * 3600_000);
  const before = timeInVietnam(cutoff);
  const interrupted = await runsCutShort(store, { started_before: Math.floor(cutoff.getTime() / 1000) });
  if (interrupted.length > 0) await store.command(loadSqlFile('ingest', 'mark_interrupted'), { started_before: before });
  return { stagingTablesDropped: tables.length, interrupted };
}
