/**
 * The kinds of data Front Pulse takes in, and what each kind declares: its columns (Vietnamese and English names),
 * its natural key, and how its rows are checked and stored. Structured kinds are checked inside the engine (SQL in
 * sql/ingest/<kind>/), at ClickHouse speed; kinds with texts go through JavaScript workers that also label them.
 */
import type { ColumnSpec } from '../pipeline/columns.js';
import type { Store } from '../../analytics/store/index.js';
import type { Sealer } from '../../analytics/privacy/seal.js';
import type { LabelPool } from '../pipeline/label-pool.js';
import { fault, type Fault } from '../faults.js';

export const INGEST_KINDS = ['units', 'officers', 'weekly_reports', 'petitions', 'petition_events', 'opinion_posts'] as const;
export type IngestKind = (typeof INGEST_KINDS)[number];

export function isIngestKind(value: string): value is IngestKind {
  return (INGEST_KINDS as readonly string[]).includes(value);
}

/** What a run knows when it checks rows. */
export interface RunContext {
  runId: string;
  /** The day codes must be in force (the data's reference day). */
  asOf: string;
  /** When the run started, "YYYY-MM-DD hh:mm:ss" in Vietnam time. */
  loadedAt: string;
  /** The uploader's scope when it is a province or a commune: rows of other units are quarantined. */
  scope?: IngestScope;
}

export interface IngestScope {
  province_code: string;
  /** '' for a province user. */
  commune_code: string;
  /** The unit, for messages: "Thành phố Hà Nội (01)". */
  name: string;
}

/** The fault of a row whose unit lies outside the uploader's scope (or undefined when it lies inside). */
export function outOfScope(scope: IngestScope | undefined, province: string, commune: string): Fault | undefined {
  if (!scope) return undefined;
  if (scope.province_code === province && (scope.commune_code === '' || scope.commune_code === commune)) return undefined;
  // Named by the column that places the row: these kinds have no unit_code (the engine's kinds name theirs).
  if (commune) return fault('commune_code', 'outside_scope_commune', { commune, scope: scope.name });
  if (province) return fault('province_code', 'outside_scope_province', { province, scope: scope.name });
  return fault('commune_code', 'outside_scope_nowhere', { scope: scope.name });
}

interface KindBase {
  kind: IngestKind;
  /** What the kind holds, for the help text and the README. */
  description: string;
  columns: readonly ColumnSpec[];
  /** What makes two rows the same record. */
  naturalKey: string;
}

/** A kind checked and stored by SQL inside the engine: sql/ingest/<kind>/check.sql and store.sql. */
export interface SqlKind extends KindBase {
  engine: 'sql';
  /**
   * What the check groups rows by, as an SQL expression over the staging table's columns (String cells as read): the
   * natural key, or the part of it every in-file comparison and store look-up goes by. Rows are checked in ranges of
   * its hash, so that rows of one record always meet in the same range (ingest/pipeline/sql-engine.ts).
   */
  sliceKey: string;
  /** Parameters of the check query besides staging, the slice range, as_of and loaded_at. */
  checkParams(ctx: RunContext): Record<string, unknown>;
}

export type { Fault };

/** What a kind makes of one row: its natural key and the record to store, or its faults. */
export type Checked<R> = { key: string; record: R } | { faults: Fault[] };

/** A record stored already under a key, as a run finds it. */
export interface StoredRecord {
  /** Compared with content(record) of an incoming record. */
  content: string;
  /** The run that stored it. */
  runId: string;
  /** What a killed run may have left unwritten for it (its label, its first event): written now. */
  missing?: string[];
  /** Whatever else the kind needs to decide a conflict. */
  detail?: string;
}

/** A kind's checks and writes for one run, with the reference data they need loaded. */
export interface JsKindRun<R> {
  check(values: Record<string, string>, row: number): Checked<R>;
  /** What two records with the same key must share to be the same record (content), and what a conflict needs. */
  describe(record: R): { content: string; detail?: string };
  /** The records stored under these keys. */
  lookup(keys: string[]): Promise<Map<string, StoredRecord>>;
  /**
   * A record whose key is stored with other content, or is on an earlier row of the run (stored.runId is the run's):
   * stored as a newer version, counted as a duplicate (an older version of what is stored), or quarantined with this
   * fault.
   */
  conflict(record: R, stored: StoredRecord): 'store' | 'duplicate' | Fault;
  /**
   * Stores new records, and writes what is missing for records found stored. Resolves to 'gathered' when what it wrote
   * waits in the engine to be moved into its tables (pipeline/gathered-writes.ts): the rows settled so far are not all
   * stored yet.
   */
  write(records: R[], repairs: { record: R; missing: string[] }[]): Promise<void | 'gathered'>;
  /**
   * A batch about to be settled, before its look-up: a kind may start work that most of its records will need (the
   * engine calls it only while most records are new).
   */
  foresee?(records: R[]): void;
  /** Once the file is settled: moves what the run still gathers into its tables. */
  finish?(): Promise<void>;
  /** At the end of the run, finished or failed: drops what the run made for itself. */
  release?(): Promise<void>;
}

/** What a run gives a kind besides the store. */
export interface KindEnv {
  store: Store;
  ctx: RunContext;
  /** Seals personal data; kinds with personalFields need it. */
  sealer?: Sealer;
}

/** A kind whose rows go through JavaScript (texts to label, registry rules): see pipeline/js-engine.ts. */
export interface JsKind extends KindBase {
  engine: 'js';
  /** The field a key conflict is reported on. */
  keyField: string;
  /** Fields with personal data: sealed in quarantine, never shown by aggregate answers. */
  personalFields?: readonly string[];
  /** Whether the kind labels texts: its run gets the labelling threads. */
  labels?: boolean;
  prepare(env: KindEnv, pool: LabelPool | undefined): Promise<JsKindRun<any>>;
}

export type KindSpec = SqlKind | JsKind;
