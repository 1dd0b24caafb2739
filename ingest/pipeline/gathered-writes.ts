/**
 * Writes a run gathers in the engine and moves into their tables a large block at a time. Every insert into a table
 * costs the engine a fixed part besides its rows (its materialized views run, a part per month partition is written
 * and later merged): measured on 100,000 labelled petitions, their petitions, events and labels took 14.7 s of the
 * engine's CPU in inserts of 3,600 rows, and 6.9 s in inserts of 36,000. A batch of the JavaScript path is small, to
 * keep the heap small (pipeline/js-engine.ts); here its rows wait in the engine, in tables of the run (Memory,
 * compressed), until enough of them are gathered, and then go into the real tables together, table after table in the
 * order given. Measured on a million labelled petitions: 245 s and 410 s of CPU before; gathering 8,192 at a time,
 * 226 s and a peak of 881 MiB (191 s, 900 MiB once labels start before the look-up: kinds/petitions.ts); 12,288:
 * 213 s, 915 MiB (181 s, 940 MiB); 16,384: 204–210 s but 944–999 MiB, too near the bound of 1 GiB; 32,768: 201 s,
 * 1,045 MiB. What a move writes sets off the engine's merges, whose memory makes the peak.
 * A table may be moved every few moves only (`movedEvery`): the labels' materialized view counts each term of each
 * week (about 25 terms a label), so its cost falls with fewer, larger inserts of labels, while the rollups of the
 * other tables do not gain. Measured on a million labelled petitions, side by side: labels moved with every move,
 * 192 s, 358 s of CPU and a peak of 942 MiB; every fourth move, 178–190 s, 326–331 s and 907–958 MiB in four runs;
 * every eighth, 175 s but 1,011 MiB. Opinion posts are gathered the same way (a million: 194 s before, 150 s after).
 * Kill safety stays as it was: rows not yet moved are lost with the run and found missing when the file comes again;
 * a move cut between two tables leaves a petition without its label, never a label without its petition, which the
 * next run completes (pipeline/recovery.ts); a table moved every few moves only widens that window. The gathering
 * tables are named as staging tables, so a dead run's are swept at start. While anything waits, the kind finds the
 * records it gathered by their keys (remember, recall), as the store would show them not yet written, or written
 * without their labels.
 */
import { jsonEachRow, type Store } from '../../analytics/store/index.js';
import type { JsKindRun } from '../kinds/spec.js';
import { runTableName } from './sql-engine.js';

/** Rows of the first table gathered before they are moved. */
export const GATHER_ROWS = 8_192;
/** Bytes of the first table's rows gathered at most (long texts are moved sooner): memory stays bounded. */
export const GATHER_BYTES = 12 * 1024 * 1024;

export class GatheredWrites<Remembered = never> {
  private readonly holding = new Map<string, string>();
  /** What the kind keeps of each record gathered (remember), until nothing waits any more. */
  private readonly remembered = new Map<string, Remembered>();
  /** The tables with rows waiting. */
  private readonly held = new Set<string>();
  private rows = 0;
  private bytes = 0;
  private moves = 0;

  /**
   * `tables`: the tables written, in the order their rows are moved (a row's dependants after it). `movedEvery`: for a
   * table after the first, move its rows only every so many moves (and at moveAll), so that they go in larger blocks.
   */
  constructor(
    private readonly store: Store,
    private readonly runId: string,
    private readonly tables: readonly string[],
    private readonly movedEvery: Readonly<Record<string, number>> = {},
  ) {
    if (tables.length === 0) throw new Error('gathered writes need at least one table');
    // TRICKY: CREATE TABLE … AS takes no query parameter for its source table, so the names go into the statement
    // (holdingTable): the tables' come from the kind's constants, the holding tables' from the run id (runTableName).
    for (const table of tables) if (!/^[a-z_]+$/.test(table)) throw new Error(`gathered writes: "${table}" is not a table name`);
    for (const [table, every] of Object.entries(movedEvery)) {
      // The first table's rows are what the others depend on: they always move first.
      if (!tables.slice(1).includes(table) || !Number.isInteger(every) || every < 1) {
        throw new Error(`gathered writes: cannot move ${table} every ${every} moves`);
      }
    }
  }

  /** Whether anything waits to be moved. */
  get waiting(): boolean {
    return this.held.size > 0;
  }

  /**
   * Gathers a JSONEachRow body for `table` (one of the tables given), as the labelling threads give labels; `rows`
   * counts its rows when it is the first table.
   */
  async insert(table: string, body: string, rows: number): Promise<void> {
    if (body.length === 0) return;
    await this.store.insertFormatted(await this.holdingTable(table), body, 'JSONEachRow');
    this.held.add(table);
    if (table === this.tables[0]) {
      this.rows += rows;
      this.bytes += Buffer.byteLength(body);
    }
  }

  /** Gathers rows (objects with the table's columns) for `table`. */
  async insertRows(table: string, rows: readonly object[]): Promise<void> {
    await this.insert(table, jsonEachRow(rows), rows.length);
  }

  /**
   * Keeps what the kind needs to know of a record it gathered, by its key, until nothing gathered waits: a later batch
   * that repeats the record finds it here, while the store would not show it yet, or show it without its label.
   */
  remember(key: string, value: Remembered): void {
    this.remembered.set(key, value);
  }

  recall(key: string): Remembered | undefined {
    return this.remembered.get(key);
  }

  /** Whether enough is gathered to move. */
  get full(): boolean {
    return this.rows >= GATHER_ROWS || this.bytes >= GATHER_BYTES;
  }

  /**
   * Moves what is gathered into its table, in the order of the tables, and empties the gathering tables; a table moved
   * every few moves only (movedEvery) keeps its rows until its turn.
   */
  async move(): Promise<void> {
    this.moves++;
    await this.moveTables(this.tables.filter((table) => this.moves % (this.movedEvery[table] ?? 1) === 0));
  }

  /** Moves everything gathered, whatever the tables' turns: at the end of a run. */
  async moveAll(): Promise<void> {
    await this.moveTables(this.tables);
  }

  private async moveTables(tables: readonly string[]): Promise<void> {
    for (const table of tables) {
      const holding = this.holding.get(table);
      if (!holding || !this.held.has(table)) continue;
      // TRICKY: the holding table was made AS the table, so its columns are the table's, in the same order.
      await this.store.command('INSERT INTO {table:Identifier} SELECT * FROM {holding:Identifier}', { table, holding });
      await this.store.command('TRUNCATE TABLE {holding:Identifier}', { holding });
      this.held.delete(table);
    }
    if (tables.includes(this.tables[0] as string)) {
      this.rows = 0;
      this.bytes = 0;
    }
    if (!this.waiting) this.remembered.clear();
  }

  /** After a batch's rows are gathered: moves them if enough are; 'gathered' while anything waits (JsKindRun.write). */
  async settle(): Promise<'gathered' | undefined> {
    if (this.full) await this.move();
    return this.waiting ? 'gathered' : undefined;
  }

  /** A kind's run ends: everything gathered is written when the file is done, and dropped when the run fails. */
  ends(): Required<Pick<JsKindRun<unknown>, 'finish' | 'release'>> {
    return { finish: () => this.moveAll(), release: () => this.drop() };
  }

  /** Drops the gathering tables (what they still hold is not written). */
  async drop(): Promise<void> {
    for (const holding of this.holding.values()) await this.store.command('DROP TABLE IF EXISTS {holding:Identifier}', { holding });
    this.holding.clear();
  }

  private async holdingTable(table: string): Promise<string> {
    const known = this.holding.get(table);
    if (known) return known;
    if (!this.tables.includes(table)) throw new Error(`gathered writes: ${table} is not one of ${this.tables.join(', ')}`);
    const holding = runTableName(this.runId, table);
    await this.store.command(`CREATE TABLE ${holding} AS ${table} ENGINE = Memory SETTINGS compress = 1`);
    this.holding.set(table, holding);
    return holding;
  }
}
