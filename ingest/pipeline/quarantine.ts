/**
 * A run and its quarantine, for the people who correct the rows: the run's record, its quarantined rows (row, field,
 * reason, the row as read, whether a re-submission resolved it), and the correction file: a CSV of the rows as read,
 * with the column "dòng gốc" (quarantine_row) that ties each row back to its original, to be corrected and loaded with
 * --resubmit RUN.
 * Personal fields (petitioners' contacts) are sealed in quarantine; they are opened only with the key, for a caller
 * entitled to them, and otherwise left out.
 */
import { stringify } from 'csv-stringify/sync';
import type { Store } from '../../analytics/store/index.js';
import type { Sealer } from '../../analytics/privacy/seal.js';
import { defineQuery } from '../../analytics/queries/define.js';
import { EXTRA_CELLS, RESUBMIT_COLUMN } from './columns.js';
import { describeReason, type Lang } from '../faults.js';
import { KINDS } from '../kinds/index.js';
import { isIngestKind } from '../kinds/spec.js';
import { RAW_TEXT, type QuarantinedRow, type RunRecord } from './run.js';

const ingestRun = defineQuery<{ run_id: string }, RunRecord>('ingest/ingest_run');
export const recentRuns = defineQuery<{ kind: string; started_by: string; limit: number }, RunRecord>('ingest/ingest_runs_recent');
const quarantinePage = defineQuery<
  { run_id: string; after_row: number; page_size: number },
  { row_number: number; field: string; reason: string; raw: string; resolved_by_run: string; resent_in_run: string; resent_as_row: number }
>('ingest/quarantine_page');
const quarantineFields = defineQuery<{ run_id: string }, { fields: string[] }>('ingest/quarantine_fields');

/** The header of the correction file's first column: the row a corrected row stands for. */
export const ORIGINAL_ROW_HEADER = RESUBMIT_COLUMN.aliases[0] as string;
const REASON_HEADER = 'lý do (reason)';
const SEALED = '_sealed';

export class UnknownRunError extends Error {
  constructor(runId: string) {
    super(`no ingest run "${runId}" (runs are named like 20250916-081502-3fa9c1; npm run ingest:quarantine lists the latest)`);
    this.name = 'UnknownRunError';
  }
}

export async function findRun(store: Store, runId: string): Promise<RunRecord> {
  const [run] = await ingestRun(store, { run_id: runId });
  if (!run) throw new UnknownRunError(runId);
  return run;
}

function valuesOf(raw: string, sealer: Sealer | undefined): { values: Record<string, string>; personalHidden: boolean } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { values: { [RAW_TEXT]: raw }, personalHidden: false };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { values: { [RAW_TEXT]: raw }, personalHidden: false };
  const values = Object.fromEntries(Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]));
  const sealed = values[SEALED];
  if (sealed === undefined) return { values, personalHidden: false };
  delete values[SEALED];
  const opened = sealer?.open<Record<string, string>>(sealed);
  if (!opened) return { values, personalHidden: true };
  return { values: { ...values, ...opened }, personalHidden: false };
}

/** The quarantined rows of a run, a page at a time, in file order, their reasons worded in `lang`. */
export async function* quarantinedRows(store: Store, runId: string, sealer?: Sealer, lang: Lang = 'en', pageSize = 5000): AsyncIterable<QuarantinedRow> {
  let after = 0;
  for (;;) {
    const page = await quarantinePage(store, { run_id: runId, after_row: after, page_size: pageSize });
    for (const r of page) {
      const { values, personalHidden } = valuesOf(r.raw, sealer);
      const resentIn = r.resent_in_run ? { run: r.resent_in_run, row: Number(r.resent_as_row) } : null;
      yield { row: Number(r.row_number), field: r.field, reason: describeReason(r.reason, lang), values, resolvedBy: r.resolved_by_run, resentIn, personalHidden };
    }
    if (page.length < pageSize) return;
    after = Number((page[page.length - 1] as { row_number: number }).row_number);
  }
}

/**
 * The correction file of a run, in chunks of CSV text (UTF-8 with a BOM, so that Excel shows the diacritics): the
 * unresolved rows as read, each with its original row number first and its reason last.
 */
export async function* correctionFile(store: Store, runId: string, sealer?: Sealer, lang: Lang = 'en'): AsyncIterable<string> {
  const run = await findRun(store, runId);
  const spec = isIngestKind(run.kind) ? KINDS[run.kind] : undefined;
  const [{ fields = [] } = {}] = await quarantineFields(store, { run_id: runId });
  // Cells past a CSV header are sealed with the personal fields (js-engine.ts): a column of their own when opened.
  const personal = spec?.engine === 'js' && sealer && fields.includes(SEALED) && spec.personalFields ? [...spec.personalFields, EXTRA_CELLS] : [];
  const order = (spec?.columns ?? []).map((c) => c.key);
  const rank = (f: string) => (order.includes(f) ? order.indexOf(f) : order.length);
  // A corrected row's number in the run it corrected is not a column of its own: the first column says which row of
  // this run it stands for, and a second would contradict it when the file comes back.
  const columns = [...new Set([...fields.filter((f) => f !== SEALED && f !== RESUBMIT_COLUMN.key), ...personal])].sort((a, b) => rank(a) - rank(b));
  yield `\uFEFF${stringify([[ORIGINAL_ROW_HEADER, ...columns, REASON_HEADER]])}`;
  let batch: string[][] = [];
  for await (const r of quarantinedRows(store, runId, sealer, lang)) {
    if (r.resolvedBy) continue;
    batch.push([String(r.row), ...columns.map((c) => r.values[c] ?? ''), r.reason]);
    if (batch.length >= 1000) {
      yield stringify(batch);
      batch = [];
    }
  }
  if (batch.length > 0) yield stringify(batch);
}
