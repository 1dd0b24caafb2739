/**
 * The JavaScript path, for kinds whose rows need more than SQL (texts to clean and label, registry rules): rows are
 * read and mapped, checked one by one by the kind, and settled in batches. A batch's keys are looked up in the store,
 * so a record is stored once however often it arrives (within a file, across files, after a killed run); the batch
 * is written before the next one is looked up, while the next one is read.
 * Memory: one batch being read and one being written (each of at most JS_BATCH rows and JS_BATCH_CHARS characters),
 * and what a kind gathers in the engine to write in larger blocks (pipeline/gathered-writes.ts), whatever the file's
 * size.
 */
import { Transform, type Readable } from 'node:stream';
import type { Store } from '../../analytics/store/index.js';
import { loadSqlFile } from '../../analytics/store/sql-files.js';
import type { Sealer } from '../../analytics/privacy/seal.js';
import { openRows, type ReadOptions, type SourceFile } from '../readers/index.js';
import { encodingName } from '../readers/decode.js';
import { EXTRA_CELLS, mapColumns, RESUBMIT_COLUMN } from './columns.js';
import { RAW_TEXT, type IngestRun } from './run.js';
import type { Progress } from './sql-engine.js';
import { withLabelPool, type LabelPool } from './label-pool.js';
import type { Fault, JsKind, JsKindRun, RunContext } from '../kinds/spec.js';
import { fault as faultOf } from '../faults.js';

/** What a decoder writes for bytes it cannot read. */
const REPLACEMENT = '\uFFFD';

/** Rows settled together: one look-up of their keys, one insert per table. */
export const JS_BATCH = 5_000;
/**
 * Characters of cells a batch holds at most: a batch of long texts is settled sooner, so memory stays bounded whatever
 * the texts' length. Typical petitions (about 600 characters a row) fill it at about 3,600 rows. Measured on 200,000
 * labelled petitions against batches of 10,000 rows: peak memory 1,064 → 872 MiB, for 10% more CPU time (more, smaller
 * inserts); two batches in flight of 10,000 took the JavaScript heap alone to 350 MiB.
 */
export const JS_BATCH_CHARS = 2 * 1024 * 1024;
/**
 * Rows read between two turns of the event loop. TRICKY: rows already read come out of the reader without waiting on
 * I/O, so reading alone would hold the thread until it has to wait: the engine's answers to the batch being settled (its
 * look-up, its inserts) and the labels back from the threads would wait the whole next batch (measured on 100,000
 * petitions: a look-up of 50 ms answered after 300 ms, every batch).
 */
const YIELD_EVERY_ROWS = 256;

interface Pending<R> {
  row: number;
  key: string;
  record: R;
  values: Record<string, string>;
  /** The row number this row had in the quarantined run it corrects (0: none). */
  resubmits: number;
}

export interface JsRunOptions extends ReadOptions {
  resubmitOf?: string;
  sealer?: Sealer;
  batchSize?: number;
}

export async function ingestWithJs(
  store: Store,
  kind: JsKind,
  source: SourceFile,
  options: JsRunOptions,
  run: IngestRun,
  ctx: RunContext,
  progress: (p: Progress) => void,
): Promise<void> {
  if (kind.personalFields && !options.sealer) throw new Error(`${kind.kind}: a sealer is needed to keep personal data`);
  const go = async (pool: LabelPool | undefined) => {
    const kindRun = await kind.prepare({ store, ctx, sealer: options.sealer }, pool);
    try {
      await readAndSettle(store, kind, kindRun, source, options, run, progress);
    } finally {
      await kindRun.release?.();
    }
  };
  if (kind.labels) await withLabelPool(store, (pool) => go(pool));
  else await go(undefined);
}

async function readAndSettle<R>(
  store: Store,
  kind: JsKind,
  kindRun: JsKindRun<R>,
  source: SourceFile,
  options: JsRunOptions,
  run: IngestRun,
  progress: (p: Progress) => void,
): Promise<void> {
  let bytes = 0;
  const counted: SourceFile = {
    name: source.name,
    size: source.size,
    open: () => countBytes(source.open(), (n) => (bytes += n)),
  };
  const opened = await openRows(counted, options);
  run.encoding = opened.encoding;
  const columns = [...kind.columns, RESUBMIT_COLUMN];
  const batchSize = options.batchSize ?? JS_BATCH;
  // Cells past a CSV header may be any field, shifted: sealed with the personal ones.
  const sealed = kind.personalFields && [...kind.personalFields, EXTRA_CELLS];
  const rawOf = (values: Record<string, string>, whole = false) => rawRow(values, sealed, options.sealer, whole);
  const resolved: { row: number; runRow: number }[] = [];

  let batch: Pending<R>[] = [];
  let batchChars = 0;
  let settling: Promise<void> = Promise.resolve();
  let rows = 0;
  const recordResolved = async () => {
    if (options.resubmitOf && resolved.length > 0) await recordResolutions(store, options.resubmitOf, run.runId, resolved.splice(0));
  };
  // Whether the last batch settled stored most of its rows: then the next one is foreseen (kindRun.foresee).
  let mostlyNew = true;
  /** Settles a batch; true when every row settled so far is in its tables. */
  const settleNext = async (items: Pending<R>[]): Promise<boolean> => {
    const storedBefore = run.stored;
    const stored = (await settle(kind.keyField, kindRun, items, run, rawOf, resolved)) !== 'gathered';
    mostlyNew = (run.stored - storedBefore) * 2 >= items.length;
    // A corrected row is told resolved once it is stored, not while it is gathered.
    if (stored) await recordResolved();
    return stored;
  };
  // A file that fails part way (cut off, over the upload's limit, unreadable from some line on) ends like a file that
  // ends there: every row read before is settled and written, so the failed run's counts say what it stored.
  let readFailure: { error: unknown } | undefined;
  const untilFailure = async function* <T>(rows: AsyncIterable<T>): AsyncIterable<T> {
    try {
      yield* rows;
    } catch (error) {
      readFailure = { error };
    }
  };
  for await (const r of untilFailure(mapColumns(opened.rows, columns, source.name))) {
    run.read++;
    rows++;
    if (rows % YIELD_EVERY_ROWS === 0) await new Promise(setImmediate);
    if (r.unreadable) {
      const { fault, raw } = r.unreadable;
      // Read wrong: a line that is not a record, or cells shifted past the header; any value may be a contact.
      await run.quarantine(r.row, [fault], rawOf(typeof raw === 'string' ? { [RAW_TEXT]: raw } : raw, true));
      continue;
    }
    // A petition row short of cells may have its contact moved into open fields (the name under the text): read wrong,
    // as a row with cells past the header is. A kind without contacts takes it as its last cells left out.
    if (r.short && sealed) {
      await run.quarantine(r.row, [faultOf('row', 'cells_missing', r.short)], rawOf(r.values, true));
      continue;
    }
    // Bytes the file's encoding cannot read (a part saved in another encoding, past the start the encoding was told
    // by) come out as U+FFFD: the row would be stored with its letters lost.
    const resubmits = resubmittedRow(r.values);
    const garbled = Object.keys(r.values).filter((field) => r.values[field]?.includes(REPLACEMENT) === true);
    if (garbled.length > 0) {
      await run.quarantine(r.row, garbled.map((field) => faultOf(field, 'not_in_encoding', { encoding: encodingName(opened.encoding) })), rawOf(r.values), resubmits);
      continue;
    }
    const checked = kindRun.check(r.values, r.row);
    if ('faults' in checked) {
      await run.quarantine(r.row, checked.faults, rawOf(r.values), resubmits);
      continue;
    }
    batch.push({ row: r.row, key: checked.key, record: checked.record, values: r.values, resubmits });
    for (const value of Object.values(r.values)) batchChars += value.length;
    if (batch.length >= batchSize || batchChars >= JS_BATCH_CHARS) {
      if (mostlyNew) kindRun.foresee?.(batch.map((p) => p.record));
      await settling;
      // Progress is told once the rows are written: a progress line that shows rows means they are stored.
      const upTo = { rows, fraction: source.size ? bytes / source.size : undefined };
      settling = settleNext(batch).then((stored) => {
        if (stored) progress(upTo);
      });
      // A failed write must stop the run at once, not at the next batch.
      settling.catch(() => {});
      batch = [];
      batchChars = 0;
    }
  }
  await settling;
  if (mostlyNew) kindRun.foresee?.(batch.map((p) => p.record));
  await settle(kind.keyField, kindRun, batch, run, rawOf, resolved);
  await kindRun.finish?.();
  await recordResolved();
  if (readFailure) throw readFailure.error;
  progress({ rows, fraction: 1 });
}

/** Decides each record of a batch (stored, duplicate, or quarantined) and writes the stored ones. */
async function settle<R>(
  keyField: string,
  kindRun: JsKindRun<R>,
  batch: Pending<R>[],
  run: IngestRun,
  rawOf: (values: Record<string, string>) => string,
  resolved: { row: number; runRow: number }[],
): Promise<void | 'gathered'> {
  if (batch.length === 0) return;
  const stored = await kindRun.lookup([...new Set(batch.map((p) => p.key))]);
  // The version of each key stored by this batch so far, and the row it came from; else the stored one is the reference.
  const inBatch = new Map<string, { row: number; record: R }>();
  const toStore: R[] = [];
  const repairs: { record: R; missing: string[] }[] = [];
  for (const p of batch) {
    const earlier = inBatch.get(p.key);
    const found = stored.get(p.key);
    // Described only when there is something to compare with: most records are new, and describing is a copy of them.
    const reference = earlier ? { ...kindRun.describe(earlier.record), runId: run.runId } : found;
    let fault: Fault | undefined;
    let store = false;
    if (!reference) {
      store = true;
    } else if (reference.content === kindRun.describe(p.record).content) {
      run.duplicates++;
      if (!earlier && found?.missing && found.missing.length > 0) {
        repairs.push({ record: p.record, missing: found.missing });
        found.missing = [];
      }
    } else {
      const decision = kindRun.conflict(p.record, reference);
      if (decision === 'store') store = true;
      else if (decision === 'duplicate') run.duplicates++;
      else if (earlier) fault = faultOf(keyField, 'key_repeated_row', { value: p.key, row: earlier.row });
      else if (reference.runId === run.runId) fault = faultOf(keyField, 'key_repeated_earlier', { value: p.key });
      else fault = decision;
    }
    if (fault) {
      await run.quarantine(p.row, [fault], rawOf(p.values), p.resubmits);
      continue;
    }
    if (store) {
      toStore.push(p.record);
      inBatch.set(p.key, { row: p.row, record: p.record });
    }
    if (p.resubmits > 0) resolved.push({ row: p.row, runRow: p.resubmits });
  }
  const written = await kindRun.write(toStore, repairs);
  run.stored += toStore.length;
  return written;
}

/** The row a corrected row had in the run it corrects, as the correction file's "dòng gốc" gives it; 0 when none. */
function resubmittedRow(values: Record<string, string>): number {
  const written = values[RESUBMIT_COLUMN.key]?.trim() ?? '';
  return /^\d{1,15}$/.test(written) ? Number(written) : 0;
}

async function recordResolutions(store: Store, originalRun: string, runId: string, rows: { runRow: number }[]): Promise<void> {
  await store.command(loadSqlFile('ingest', 'resolve_rows'), { original_run: originalRun, run_id: runId, rows: rows.map((r) => r.runRow) });
}

/**
 * The row as read, for quarantine: personal fields sealed together under "_sealed". `whole`, for a row read wrong (a
 * line that is not a record, cells shifted by a stray delimiter): any of its values may be a contact (a phone shifted
 * into the day's column), so every value is sealed; its fields stay, empty, as the correction file's columns.
 */
export function rawRow(values: Record<string, string>, personal: readonly string[] | undefined, sealer: Sealer | undefined, whole = false): string {
  if (!personal || !sealer) return JSON.stringify(values);
  const open: Record<string, string> = {};
  const secret: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    if (whole || personal.includes(k)) {
      if (v !== '') secret[k] = v;
      if (whole) open[k] = '';
    } else open[k] = v;
  }
  if (Object.keys(secret).length > 0) open._sealed = sealer.seal(secret);
  return JSON.stringify(open);
}

function countBytes(input: Readable, onBytes: (n: number) => void): Readable {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
  input.on('error', (error) => counter.destroy(error));
  return input.pipe(counter);
}
