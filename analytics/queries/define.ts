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

export function defineQuery<P extends QueryParams, R>(file: string): QueryFn<P, R> {
  const run = async (store: Store, params: P): Promise<R[]> => {
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
  return Object.assign(run, { file });
}
