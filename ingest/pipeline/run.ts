/**
 * An ingest run: its record in ingest_runs, its quarantine, and the summary every way in returns.
 * Invariant: read = stored + duplicates + quarantined. A row is quarantined at most once, whatever its number of faults.
 */
import crypto from 'node:crypto';
import type { Store } from '../../analytics/store/index.js';
import { dayInVietnam } from '../../analytics/clock.js';
import { describeFault, encodeFaults, paramsAsText, type Fault, type Lang } from '../faults.js';

/**
 * A fault of a row, in words: what a summary lists. `code` and `params` are the fault whatever the language
 * (ingest/faults.ts), so that a reader can word it again in another.
 */
export interface RowError {
  row: number;
  field: string;
  code: string;
  params: Record<string, string>;
  message: string;
}

/** A fault of a row, as a run keeps it until its summary is worded. */
export type RowFault = Fault & { row: number };

export interface IngestSummary {
  runId: string;
  kind: string;
  file: string;
  encoding: string;
  read: number;
  stored: number;
  duplicates: number;
  quarantined: number;
  /** The first MAX_ERRORS_IN_SUMMARY errors, in the language asked for; all of them are in ingest_quarantine. */
  errors: RowError[];
}

/** A run as recorded (ingest_runs), with how many of its quarantined rows a re-submission has stored since. */
export interface RunRecord {
  run_id: string;
  kind: string;
  file: string;
  way_in: string;
  encoding: string;
  status: string;
  read: number;
  stored: number;
  duplicates: number;
  quarantined: number;
  resolved: number;
  message: string;
  started_by: string;
  started_at: string;
  updated_at: string;
}

/** The field a quarantined row that could not be split into fields is kept under, whole. */
export const RAW_TEXT = '_text';

export interface QuarantinedRow {
  row: number;
  field: string;
  reason: string;
  /** The row as read, by field; "_text" for a row that could not be split into fields. */
  values: Record<string, string>;
  /** The run that stored the corrected row, or '' while unresolved. */
  resolvedBy: string;
  /**
   * While unresolved: the last re-submission that read the row again and quarantined it again, and its row there, where
   * it is to be corrected now (its own correction file); null when none.
   */
  resentIn: { run: string; row: number } | null;
  /** Whether personal fields were left out (sealed, and not opened for this caller). */
  personalHidden: boolean;
}

export const MAX_ERRORS_IN_SUMMARY = 100;
const QUARANTINE_BATCH = 5000;

export type WayIn = 'cli' | 'http' | 'inbox' | 'feed' | 'demo';

/** Run ids sort by time and are short enough to type: 20250916-081502-3fa9c1. */
export function newRunId(now = new Date()): string {
  const local = new Date(now.getTime() + 7 * 3600 * 1000).toISOString();
  const stamp = `${dayInVietnam(now).replace(/-/g, '')}-${local.slice(11, 19).replace(/:/g, '')}`;
  return `${stamp}-${crypto.randomBytes(3).toString('hex')}`;
}

export class IngestRun {
  readonly runId = newRunId();
  private readonly faults: RowFault[] = [];
  read = 0;
  stored = 0;
  duplicates = 0;
  quarantined = 0;
  encoding = 'utf-8';
  private pending: object[] = [];
  private readonly startedAt = new Date().toISOString();
  private lastRecordMs = 0;

  private constructor(
    private readonly store: Store,
    readonly kind: string,
    readonly file: string,
    private readonly wayIn: WayIn,
    private readonly startedBy: string,
    private readonly resubmitOf: string,
  ) {}

  /** `resubmitOf`: the run whose quarantined rows this run's file corrects. */
  static async start(store: Store, opts: { kind: string; file: string; wayIn: WayIn; startedBy?: string; resubmitOf?: string }): Promise<IngestRun> {
    const run = new IngestRun(store, opts.kind, opts.file, opts.wayIn, opts.startedBy ?? 'system', opts.resubmitOf ?? '');
    await run.record('running', '');
    return run;
  }

  /**
   * Keeps a bad row with every fault found in it; counts it once. `resubmits`: in a re-submission, the row this row had
   * in the run it corrects, so that correcting it again resolves that run's row too (resolve_carried.sql).
   */
  async quarantine(row: number, faults: Fault[], raw: unknown, resubmits = 0): Promise<void> {
    this.quarantined++;
    for (const f of faults) if (this.faults.length < MAX_ERRORS_IN_SUMMARY) this.faults.push({ row, ...f });
    this.pending.push({
      run_id: this.runId,
      kind: this.kind,
      row_number: row,
      field: faults.map((f) => f.field).join(', '),
      reason: encodeFaults(faults),
      raw: typeof raw === 'string' ? raw : JSON.stringify(raw),
      resubmits_row: resubmits,
      quarantined_at: new Date().toISOString(),
    });
    if (this.pending.length >= QUARANTINE_BATCH) await this.flush();
  }

  /** Rows quarantined by the engine (sql-engine.ts), with the first of their faults. */
  countQuarantined(count: number, faults: RowFault[]): void {
    this.quarantined += count;
    for (const f of faults) if (this.faults.length < MAX_ERRORS_IN_SUMMARY) this.faults.push(f);
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    await this.store.insert('ingest_quarantine', batch);
  }

  /** Ends the run; its summary's errors are worded in `lang`. */
  async finish(message = '', lang: Lang = 'en'): Promise<IngestSummary> {
    await this.flush();
    if (this.read !== this.stored + this.duplicates + this.quarantined) {
      // A broken invariant is a bug in the kind, never the input's fault: fail loudly rather than report a wrong count.
      throw new Error(
        `ingest run ${this.runId}: read ${this.read} ≠ stored ${this.stored} + duplicates ${this.duplicates} + quarantined ${this.quarantined}`,
      );
    }
    await this.record('done', message);
    return this.summary(lang);
  }

  async fail(error: unknown): Promise<void> {
    await this.flush().catch(() => {});
    await this.record('failed', error instanceof Error ? error.message : String(error)).catch(() => {});
  }

  summary(lang: Lang = 'en'): IngestSummary {
    return {
      runId: this.runId,
      kind: this.kind,
      file: this.file,
      encoding: this.encoding,
      read: this.read,
      stored: this.stored,
      duplicates: this.duplicates,
      quarantined: this.quarantined,
      errors: [...this.faults]
        .sort((a, b) => a.row - b.row)
        .map((f) => ({ row: f.row, field: f.field, code: f.code, params: paramsAsText(f), message: describeFault(f, lang) })),
    };
  }

  private async record(status: 'running' | 'done' | 'failed', message: string): Promise<void> {
    // The row's version: strictly increasing, so "done" replaces "running" even within one millisecond.
    this.lastRecordMs = Math.max(Date.now(), this.lastRecordMs + 1);
    await this.store.insert('ingest_runs', [
      {
        run_id: this.runId,
        kind: this.kind,
        file: this.file,
        way_in: this.wayIn,
        encoding: this.encoding,
        status,
        read: this.read,
        stored: this.stored,
        duplicates: this.duplicates,
        quarantined: this.quarantined,
        message,
        started_by: this.startedBy,
        resubmit_of: this.resubmitOf,
        started_at: this.startedAt,
        updated_at: new Date(this.lastRecordMs).toISOString(),
      },
    ]);
  }
}
