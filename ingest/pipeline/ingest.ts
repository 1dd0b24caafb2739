/**
 * Ingestion of one file (or upload, or inbox file, or feed pull) of one kind: a run is opened, the kind's engine
 * checks and stores the rows, the summary comes back. Every way in calls this.
 * Invariant of the summary: read = stored + duplicates + quarantined.
 */
import type { Store } from '../../analytics/store/index.js';
import { referenceDate } from '../../analytics/queries/meta.js';
import { timeInVietnam } from '../../analytics/clock.js';
import { InputError, type ReadOptions, type SourceFile } from '../readers/index.js';
import { findRun } from './quarantine.js';
import { IngestRun, type IngestSummary, type WayIn } from './run.js';
import { ingestWithSql, type Progress } from './sql-engine.js';
import { ingestWithJs } from './js-engine.js';
import type { Sealer } from '../../analytics/privacy/seal.js';
import { KINDS } from '../kinds/index.js';
import { loadSqlFile } from '../../analytics/store/sql-files.js';
import { unitsInForce } from '../../analytics/queries/registry.js';
import type { IngestKind, IngestScope, RunContext } from '../kinds/spec.js';
import { WordedError, type Lang } from '../faults.js';

export interface IngestOptions extends ReadOptions {
  wayIn: WayIn;
  startedBy?: string;
  /** A corrected file for the quarantined rows of this run. */
  resubmitOf?: string;
  onProgress?: (p: Progress) => void;
  /** Seals petitioners' contact details (petitions). */
  sealer?: Sealer;
  /** The uploader's province or commune: rows of other units are quarantined. */
  scope?: IngestScope;
  /** Rows an engine-checked kind checks at once (sql-engine.ts); tests make it small to cross many ranges. */
  checkRangeRows?: number;
  /** The language of the summary's errors (default English); the quarantine keeps them as codes, for any language. */
  lang?: Lang;
}

/**
 * The store holds no provinces in force: every row of every kind names a unit, and would be quarantined as naming an
 * unknown one. The file is refused whole, before a run starts (nothing is read, so nothing is lost).
 */
export class RegistryEmptyError extends WordedError {
  constructor(file: string, asOf: string) {
    super(file, { code: 'registry_empty', params: { day: asOf } });
    this.name = 'RegistryEmptyError';
  }
}

export async function ingestFile(store: Store, kind: IngestKind, source: SourceFile, options: IngestOptions): Promise<IngestSummary> {
  const spec = KINDS[kind];
  const asOf = await referenceDate(store);
  const provinces = await unitsInForce(store, { as_of: asOf, levels: ['province'], province_code: '' });
  if (provinces.length === 0) throw new RegistryEmptyError(source.name, asOf);
  if (options.resubmitOf) {
    // A correction goes back to the run it corrects, of its kind: a run that does not exist, or another kind's, would
    // mark rows resolved that it never stored.
    const original = await findRun(store, options.resubmitOf);
    if (original.kind !== kind) throw new InputError(source.name, { code: 'resubmit_other_kind', params: { run: original.run_id, kind: original.kind } });
  }
  const run = await IngestRun.start(store, { kind, file: source.name, wayIn: options.wayIn, startedBy: options.startedBy, resubmitOf: options.resubmitOf });
  const ctx: RunContext = { runId: run.runId, asOf, loadedAt: timeInVietnam(), scope: options.scope };
  try {
    if (spec.engine === 'sql') await ingestWithSql(store, spec, source, options, run, ctx, options.onProgress ?? (() => {}));
    else await ingestWithJs(store, spec, source, options, run, ctx, options.onProgress ?? (() => {}));
    if (options.resubmitOf) await resolveCarried(store, run.runId);
    return await run.finish(options.resubmitOf ? `re-submission for run ${options.resubmitOf}` : '', options.lang);
  } catch (error) {
    await run.fail(error);
    throw error;
  }
}

/** Runs back along a chain of corrections: at most this many, far more than people correct a row. */
const MAX_CHAIN = 64;

/**
 * The rows a re-submission resolved that were themselves corrections quarantined again in the run it corrects: their
 * rows there, and further back, are resolved by it too (sql/ingest/resolve_carried.sql, one run back a statement).
 */
async function resolveCarried(store: Store, runId: string): Promise<void> {
  const resolved = async () => Number((await store.query<{ rows: number }>(loadSqlFile('ingest', 'resolved_count'), { run_id: runId }))[0]?.rows ?? 0);
  let before = await resolved();
  for (let step = 0; step < MAX_CHAIN && before > 0; step++) {
    await store.command(loadSqlFile('ingest', 'resolve_carried'), { run_id: runId });
    const after = await resolved();
    if (after === before) return;
    before = after;
  }
}
