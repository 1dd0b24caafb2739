/**
 * The store: the one place that decides which ClickHouse engine Front Pulse talks to.
 * Embedded chDB in DATA_DIR by default, or a ClickHouse server over HTTP when CLICKHOUSE_URL is set;
 * both go through @clickhouse/client, so every query and every migration runs unchanged on either.
 * Values reach SQL only as bound `{name:Type}` parameters.
 */
import { Readable } from 'node:stream';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { createChdbConnection, type ChdbConnection } from 'chdb/connection';
import type { Config } from '../config.js';
import { claimOwnership, StoreInUseError, type Owner } from './owner.js';

export type QueryParams = Record<string, unknown>;

/** Input formats both engines take as a raw body. */
export type InsertFormat = 'JSONEachRow' | 'CSV' | 'CSVWithNames' | 'TabSeparated' | 'TabSeparatedWithNames';

/** Rows as a JSONEachRow insert body: one JSON object a line. */
export function jsonEachRow(rows: readonly object[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n');
}

/** Settings of one insert (parsing options such as the CSV delimiter), as a SETTINGS clause: never session-wide. */
export type InsertSettings = Record<string, string | number | boolean>;

export interface Store {
  readonly engine: 'embedded' | 'server';
  readonly database: string;
  /** DATA_DIR for the embedded engine, the server URL (without credentials) otherwise. */
  readonly location: string;
  /**
   * Counts the writes this process has made (inserts and commands): answers cached under one generation are still
   * true while it has not changed. With a ClickHouse server other processes write too: caches also age out.
   */
  readonly generation: number;
  query<T = Record<string, unknown>>(sql: string, params?: QueryParams): Promise<T[]>;
  command(sql: string, params?: QueryParams): Promise<void>;
  /** Inserts rows as JSONEachRow; callers batch (≈ 10k–100k rows a call). */
  insert(table: string, rows: readonly object[]): Promise<void>;
  /** Inserts a body that is already in a ClickHouse input format: the fast path for bulk loads. */
  insertFormatted(table: string, body: string | Buffer, format: InsertFormat, columns?: readonly string[], settings?: InsertSettings): Promise<void>;
  close(): Promise<void>;
}

/**
 * Session settings both engines share. TRICKY: on chDB a setting set with SET stays for the whole session,
 * so code never passes per-query clickhouse_settings; a query that needs one says so in its own SETTINGS clause.
 */
const SESSION_SETTINGS = {
  // Counts as JSON numbers, not strings: every count Front Pulse returns is far below 2^53.
  output_format_json_quote_64bit_integers: 0,
  // Accept ISO 8601 times with a zone ('2025-09-16T08:00:00+07:00') in inserted rows.
  date_time_input_format: 'best_effort',
} as const;

export interface OpenStoreOptions {
  /** What this process is, recorded in DATA_DIR's owner file. */
  role: Owner['role'];
  command: string;
}

export async function openStore(config: Config, options: OpenStoreOptions): Promise<Store> {
  return config.clickhouseUrl ? openServerStore(config) : openEmbeddedStore(config, options);
}

async function openEmbeddedStore(config: Config, options: OpenStoreOptions): Promise<Store> {
  const release = claimOwnership(config.dataDir, { role: options.role, command: options.command });
  let client: ClickHouseClient;
  let connection: ChdbConnection;
  try {
    connection = createChdbConnection({ path: config.dataDir });
    // TRICKY: chdb/connection types come from @clickhouse/client-common, which @clickhouse/client bundles its own copy of;
    // the two declarations are the same contract but TypeScript sees two types.
    client = createClient({ connection: connection as unknown as NonNullable<Parameters<typeof createClient>[0]>['connection'] });
  } catch (error) {
    release();
    // chDB refuses a directory another process has open (its lock on DATA_DIR/status).
    throw Object.assign(new StoreInUseError(config.dataDir, undefined), { cause: error });
  }
  try {
    await client.command({ query: 'CREATE DATABASE IF NOT EXISTS {db:Identifier}', query_params: { db: config.clickhouseDb } });
    await client.command({ query: 'USE {db:Identifier}', query_params: { db: config.clickhouseDb } });
    for (const [name, value] of Object.entries(SESSION_SETTINGS)) {
      await client.command({ query: `SET ${name} = {value:String}`, query_params: { value: String(value) } });
    }
  } catch (error) {
    await client.close();
    release();
    throw error;
  }
  // Bulk bodies go straight to chDB's native parser, zero-copy (three times faster than through the client).
  const rawInsert: BulkInsert = async (table, body, format, columns, settings) => {
    await connection.chdb.rawInsert({ table, values: typeof body === 'string' ? Buffer.from(body) : body, format, columns, settings });
  };
  return new ClickHouseStore('embedded', client, config.clickhouseDb, config.dataDir, release, rawInsert);
}

async function openServerStore(config: Config): Promise<Store> {
  const url = config.clickhouseUrl as string;
  const common = { url, username: config.clickhouseUser, password: config.clickhousePassword };
  // The database may not exist yet on a fresh server: create it through the default database first.
  const bootstrap = createClient(common);
  try {
    await bootstrap.command({ query: 'CREATE DATABASE IF NOT EXISTS {db:Identifier}', query_params: { db: config.clickhouseDb } });
  } finally {
    await bootstrap.close();
  }
  const client = createClient({ ...common, database: config.clickhouseDb, clickhouse_settings: SESSION_SETTINGS });
  const shown = new URL(url);
  shown.username = '';
  shown.password = '';
  const streamInsert: BulkInsert = async (table, body, format, columns, settings) => {
    await client.insert({
      table,
      values: Readable.from([body]),
      format,
      columns: columns ? ([...columns] as [string, ...string[]]) : undefined,
      clickhouse_settings: settings as Record<string, string>,
    });
  };
  return new ClickHouseStore('server', client, config.clickhouseDb, shown.toString(), () => {}, streamInsert);
}

type BulkInsert = (table: string, body: string | Buffer, format: InsertFormat, columns?: readonly string[], settings?: InsertSettings) => Promise<void>;

/** Tables no analytics answer reads: writing them (an audit batch every few seconds, a log-in) keeps cached answers. */
const BOOKKEEPING_TABLES = new Set(['audit_log', 'user_credentials', 'users', 'ingest_runs', 'ingest_quarantine', 'ingest_resolutions']);

class ClickHouseStore implements Store {
  private closed = false;
  generation = 0;

  constructor(
    readonly engine: 'embedded' | 'server',
    private readonly client: ClickHouseClient,
    readonly database: string,
    readonly location: string,
    private readonly release: () => void,
    private readonly bulkInsert: BulkInsert,
  ) {}

  async query<T>(sql: string, params: QueryParams = {}): Promise<T[]> {
    const result = await this.client.query({ query: sql, query_params: params, format: 'JSONEachRow' });
    return result.json<T>();
  }

  async command(sql: string, params: QueryParams = {}): Promise<void> {
    this.generation++;
    try {
      await this.client.command({ query: sql, query_params: params });
    } finally {
      this.generation++;
    }
  }

  async insert(table: string, rows: readonly object[]): Promise<void> {
    if (rows.length === 0) return;
    // TRICKY: not client.insert: the chDB connection concatenates its row-by-row stream chunk by chunk,
    // three times slower than one body built here (measured: 25k petition rows 250 ms vs 86 ms).
    await this.insertFormatted(table, jsonEachRow(rows), 'JSONEachRow');
  }

  async insertFormatted(table: string, body: string | Buffer, format: InsertFormat, columns?: readonly string[], settings?: InsertSettings): Promise<void> {
    if (body.length === 0) return;
    if (BOOKKEEPING_TABLES.has(table)) return this.bulkInsert(table, body, format, columns, settings);
    // Before and after: a query that starts while the write runs is not cached as the state after it.
    this.generation++;
    try {
      await this.bulkInsert(table, body, format, columns, settings);
    } finally {
      this.generation++;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.client.close();
    } finally {
      this.release();
    }
  }
}
