/**
 * Labelling at ingest, on every core: a pool of worker threads, each with the shipped models and the place finder,
 * annotating petitions and posts as they are stored. One pool per process, started on first use, kept while
 * ingestion goes on, and stopped after a minute idle; a changed registry (places) starts a new one.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ItemKind, PlaceData, TextItem } from '../../analytics/nlp/annotate.js';
import { loadPlaceData } from '../../analytics/nlp/annotate.js';
import type { Store } from '../../analytics/store/index.js';
import { defineQuery } from '../../analytics/queries/define.js';
import type { LabelRequest } from './label-worker.js';
import { activateIfNone } from '../../analytics/nlp/reviews.js';

const IDLE_MS = 60_000;
/** Below this many texts a batch goes to one thread: splitting costs more than it saves. */
const SPLIT_ABOVE = 500;

interface Pending {
  resolve: (body: string) => void;
  reject: (error: Error) => void;
}

class LabelThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  readonly ready: Promise<string>;

  constructor(placeData: PlaceData) {
    this.worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./label-worker.ts', import.meta.url).href, placeData },
    });
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      const fail = (error: Error) => {
        reject(error);
        for (const p of this.pending.values()) p.reject(error);
        this.pending.clear();
      };
      this.worker.on('error', fail);
      this.worker.on('exit', (code) => fail(new Error(`a labelling thread stopped (exit code ${code})`)));
      this.worker.on('message', (message: { ready?: boolean; version?: string; id?: number; body?: string; error?: string }) => {
        if (message.ready) return resolve(message.version as string);
        const p = this.pending.get(message.id as number);
        if (!p) return;
        this.pending.delete(message.id as number);
        if (this.pending.size === 0) this.worker.unref();
        if (message.error) p.reject(new Error(`labelling failed: ${message.error}`));
        else p.resolve(message.body as string);
      });
    });
    this.ready.catch(() => {});
  }

  label(kind: ItemKind, items: TextItem[], labelledAt: string): Promise<string> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // An idle thread must not keep the process alive; one with work must.
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, kind, items, labelledAt } satisfies LabelRequest);
    });
  }

  async stop(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

export class LabelPool {
  private readonly threads: LabelThread[];
  private next = 0;

  private constructor(placeData: PlaceData, size: number) {
    this.threads = Array.from({ length: size }, () => new LabelThread(placeData));
  }

  /** Starts the threads and waits until each has loaded its models; resolves to the model version. */
  static async start(placeData: PlaceData, size = defaultThreads()): Promise<LabelPool> {
    const pool = new LabelPool(placeData, size);
    const versions = await Promise.all(pool.threads.map((t) => t.ready));
    pool.version = versions[0] as string;
    return pool;
  }

  /** The models' version, as stored in nlp_labels.model_version. */
  version = '';

  get size(): number {
    return this.threads.length;
  }

  /** Annotates the items, split across the threads, in order: their nlp_labels rows as a JSONEachRow insert body. */
  async label(kind: ItemKind, items: TextItem[], labelledAt = new Date().toISOString()): Promise<string> {
    if (items.length === 0) return '';
    if (items.length <= SPLIT_ABOVE || this.threads.length === 1) {
      const thread = this.threads[this.next++ % this.threads.length] as LabelThread;
      return thread.label(kind, items, labelledAt);
    }
    const share = Math.ceil(items.length / this.threads.length);
    const parts = await Promise.all(this.threads.map((t, i) => t.label(kind, items.slice(i * share, (i + 1) * share), labelledAt)));
    return parts.filter((part) => part !== '').join('\n');
  }

  async stop(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.stop()));
  }
}

/**
 * Labels started for a batch as soon as it is formed, before its look-up (JsKindRun.foresee): the thread labels while
 * the engine looks up and writes. `body` then gives the labels of the records that need them: a foreseen record's line
 * from its batch's answer (found by its index there), the others labelled now. The labels of records that are not
 * written (repeats) are dropped with them.
 */
export class EarlyLabels<R extends object> {
  private readonly foreseen = new WeakMap<R, { lines: Promise<string[]>; index: number }>();

  constructor(
    private readonly pool: LabelPool,
    private readonly kind: ItemKind,
    private readonly itemOf: (record: R) => TextItem,
  ) {}

  foresee(records: R[]): void {
    // One line a text: JSON.stringify writes a newline inside a text as \n.
    const lines = this.pool.label(this.kind, records.map(this.itemOf)).then((body) => body.split('\n'));
    lines.catch(() => {});
    records.forEach((record, index) => this.foreseen.set(record, { lines, index }));
  }

  /** The records' nlp_labels rows, as a JSONEachRow body. */
  async body(records: R[]): Promise<string> {
    const late = records.filter((r) => !this.foreseen.has(r));
    const labelled = late.length > 0 ? this.pool.label(this.kind, late.map(this.itemOf)) : Promise.resolve('');
    labelled.catch(() => {});
    const lines: string[] = [];
    for (const r of records) {
      const early = this.foreseen.get(r);
      if (early) lines.push((await early.lines)[early.index] as string);
    }
    const rest = await labelled;
    if (rest !== '') lines.push(rest);
    return lines.join('\n');
  }
}

/**
 * One thread per core but one: the main thread reading and writing, and the engine's inserts and merges, keep that one
 * busy. A thread more only competes for the same cores and holds another copy of the models (measured on 100,000
 * petitions on two cores: one thread against two, 5% less CPU time and 90 MiB less peak memory).
 */
export function defaultThreads(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

const registryFingerprint = defineQuery<Record<string, never>, { fingerprint: string }>('registry/registry_fingerprint');

let shared: { fingerprint: string; pool: Promise<LabelPool>; users: number; idle?: NodeJS.Timeout } | undefined;

/**
 * The process's pool, for as long as `use` runs. Started on first use; kept a minute after the last use, so that files
 * arriving one after another do not each load the models again.
 */
export async function withLabelPool<T>(store: Store, use: (pool: LabelPool) => Promise<T>): Promise<T> {
  const [row] = await registryFingerprint(store, {});
  const fingerprint = row?.fingerprint ?? '';
  if (!shared || shared.fingerprint !== fingerprint) {
    const old = shared;
    shared = { fingerprint, pool: loadPlaceData(store).then((data) => LabelPool.start(data)), users: 0 };
    if (old && old.users === 0) {
      clearTimeout(old.idle);
      void old.pool.then((p) => p.stop()).catch(() => {});
    }
  }
  const entry = shared;
  clearTimeout(entry.idle);
  entry.users++;
  try {
    const pool = await entry.pool;
    // What is labelled now is what the dashboards read, unless a version is chosen already.
    await activateIfNone(store, pool.version);
    return await use(pool);
  } finally {
    entry.users--;
    if (entry.users === 0 && shared !== entry) {
      void entry.pool.then((p) => p.stop()).catch(() => {});
    } else if (entry.users === 0) {
      entry.idle = setTimeout(() => {
        if (shared === entry) shared = undefined;
        void entry.pool.then((p) => p.stop()).catch(() => {});
      }, IDLE_MS);
      entry.idle.unref();
    }
  }
}

/** Stops the shared pool now (server shutdown, end of a command). */
export async function stopLabelPool(): Promise<void> {
  const entry = shared;
  shared = undefined;
  if (!entry) return;
  clearTimeout(entry.idle);
  await (await entry.pool.catch(() => undefined))?.stop();
}
