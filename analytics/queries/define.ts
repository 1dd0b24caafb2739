/**
 * How an analytics query is declared: one typed function per file in sql/queries, named after it
 * (sql/queries/coverage/coverage_by_child.sql → coverageByChild). The file name is also the log tag.
 */
import type { QueryParams, Store } from '../store/index.js';
import { loadQuery } from '../store/sql-files.js';

export interface QueryFn<P extends QueryParams, R> {
  (store: Store, params: P): Promise<R[]>;
  /** "<area>/<metric>", the file under sql/queries and the tag in logs and metrics. */
  readonly file: string;
}

export type QueryObserver = (file: string, milliseconds: number, rows: number, error?: unknown) => void;

let observer: QueryObserver | undefined;

/** The server hooks logging and metrics here; one observer for the whole process. */
export function observeQueries(next: QueryObserver | undefined): void {
  observer = next;
}

/**
 * Answers of the analytics areas are kept while the store has not been written to (its generation), so that twenty
 * people opening the same dashboard cost one query, and identical queries under way are run once. chDB runs one query
 * at a time in the process: without this, the twentieth dashboard waits for nineteen others.
 * Not cached: what depends on the clock (sessions, ingestion, metadata) — only these areas are.
 */
const CACHED_AREAS = ['coverage/', 'rosters/', 'reporting/', 'petitions/', 'opinion/', 'warnings/', 'drill/', 'registry/'];
const CACHE_ENTRIES = 2000;
/** Larger answers are not kept (a drill-through page is at most a few thousand rows). */
const CACHE_MAX_ROWS = 20_000;
/** With a ClickHouse server, other processes write too: an answer is kept this long at most. */
const SERVER_CACHE_MS = 30_000;

interface Cached {
  generation: number;
  at: number;
  rows: Promise<unknown[]>;
}

const cache = new Map<string, Cached>();

/** Forget every kept answer (tests, and after a change made outside this process). */
export function clearQueryCache(): void {
  cache.clear();
}

export function defineQuery<P extends QueryParams, R>(file: string): QueryFn<P, R> {
  const cached = CACHED_AREAS.some((area) => file.startsWith(area));
  const execute = async (store: Store, params: P): Promise<R[]> => {
    const sql = loadQuery(file);
    const started = performance.now();
    try {
      const rows = await store.query<R>(sql, params);
      observer?.(file, performance.now() - started, rows.length);
      return rows;
    } catch (error) {
      observer?.(file, performance.now() - started, 0, error);
      throw error;
    }
  };
  const run = async (store: Store, params: P): Promise<R[]> => {
    if (!cached) return execute(store, params);
    const key = `${store.location}\u0000${file}\u0000${JSON.stringify(params)}`;
    const hit = cache.get(key);
    const fresh = (c: Cached) => c.generation === store.generation && (store.engine === 'embedded' || Date.now() - c.at < SERVER_CACHE_MS);
    if (hit && fresh(hit)) return hit.rows as Promise<R[]>;
    const entry: Cached = { generation: store.generation, at: Date.now(), rows: execute(store, params) };
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(key, entry);
    try {
      const rows = await entry.rows;
      if (rows.length > CACHE_MAX_ROWS || entry.generation !== store.generation) cache.delete(key);
      return rows as R[];
    } catch (error) {
      cache.delete(key);
      throw error;
    }
  };
  return Object.assign(run, { file });
}
