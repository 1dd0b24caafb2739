/**
 * The in-engine path for structured kinds (rosters, weekly reports, petition events): rows are staged as text in a
 * table of the run, checked and normalised by the kind's SQL (sql/ingest/<kind>/check.sql) into a second table,
 * then quarantined or stored by SQL. A UTF-8 CSV file on this machine's disk whose records are one line each is read
 * by the embedded engine itself, from disk; for any other CSV, JavaScript only finds record boundaries and numbers the
 * rows, and ClickHouse parses the cells. Other formats are read in JavaScript and staged as JSON rows.
 * The staging tables are the run's own and are dropped when it ends (and swept at start after a crash).
 * Memory: the check runs over one range of the staged rows at a time (about CHECK_RANGE_ROWS), whatever the file's
 * size. Ranges are of a hash of the kind's slice key (its natural key, or the part of it the check compares and looks
 * up by), not of row numbers: the rows of one record always meet in one range, so a row repeating or contradicting an
 * earlier one is found wherever the two stand in the file, exactly as if the file were checked whole.
 */
import fs from 'node:fs';
import type { InsertSettings, Store } from '../../analytics/store/index.js';
import { loadSqlFile } from '../../analytics/store/sql-files.js';
import { decodeToUtf8, encodingName } from '../readers/decode.js';
import { CsvSplitter, parseRecord, recordsAreLines, scanCsvRecords } from '../readers/csv-records.js';
import { detectFormat, openRows, sniffDelimiter, unclosedQuote, type ReadOptions, type SourceFile } from '../readers/index.js';
import { fieldsOfHeader, HeaderSearch, mapColumns, overflowFault, RESUBMIT_COLUMN } from './columns.js';
import { decodeFault, encodeFaults } from '../faults.js';
import { MAX_ERRORS_IN_SUMMARY, type IngestRun, type RowFault } from './run.js';
import type { RunContext, SqlKind } from '../kinds/spec.js';
import { peek } from '../readers/streams.js';

/** Bytes of CSV a staging insert carries. */
const CHUNK_BYTES = 16 * 1024 * 1024;
/** JSON rows a staging insert carries (other formats). */
const JSON_BATCH = 50_000;
/** Buckets of the slice key's hash a staged row falls in (_slice); ranges of them are checked one at a time. */
const SLICES = 1024;
/**
 * Rows the check takes at once: its joins, look-ups and repeats grow with this, not with the file. Each range costs a
 * fixed part, and a larger one keeps both cores busy (measured on a million roster rows: 250,000 rows a range, 6.1 s
 * and 770 MiB at peak; 500,000, 5.5 s and 880 MiB; the whole million, 5.4 s and 1,150 MiB).
 */
export const CHECK_RANGE_ROWS = 500_000;
/**
 * Cells past a CSV header's last column that staging keeps (_over1…): a row with one of them written is quarantined
 * (sql/ingest/overflow_quarantine.sql), as the engine would drop them without a word. A row whose first
 * OVERFLOW_CELLS cells past the header are all empty and a later one written is not told apart.
 */
const OVERFLOW_CELLS = 4;
/** The longest record taken; a longer one is refused with its line (an unclosed quote, or not a table). */
const MAX_RECORD_BYTES = 4 * 1024 * 1024;
export const STAGING_PREFIX = 'ingest_stage_';
export const CHECKED_PREFIX = 'ingest_checked_';

export interface Progress {
  rows: number;
  /** 0–1 when the input's size is known. */
  fraction?: number;
}

function tableSafe(runId: string): string {
  return runId.replace(/[^A-Za-z0-9_]/g, '_');
}

/** A table of a run's own (`what` in its name): named as staging tables are, so a dead run's are swept at start. */
export function runTableName(runId: string, what: string): string {
  return `${STAGING_PREFIX}${tableSafe(runId)}_${tableSafe(what)}`;
}

export async function ingestWithSql(
  store: Store,
  kind: SqlKind,
  source: SourceFile,
  options: ReadOptions & { resubmitOf?: string; checkRangeRows?: number },
  run: IngestRun,
  ctx: RunContext,
  progress: (p: Progress) => void,
): Promise<void> {
  const staging = `${STAGING_PREFIX}${tableSafe(run.runId)}`;
  const checked = `${CHECKED_PREFIX}${tableSafe(run.runId)}`;
  const units = runTableName(run.runId, 'units');
  // Every kind also takes the row number a quarantine export gave a row, to resolve it when it comes back corrected.
  const spec: SqlKind = { ...kind, columns: [...kind.columns, RESUBMIT_COLUMN] };
  const fields = spec.columns.map((c) => c.key);
  const createStaging = async (extra: string[]) => {
    const columns = [
      '_row UInt64',
      ...[...fields, ...extra].map((f) => `${f} String`),
      `_slice UInt16 MATERIALIZED cityHash64(${spec.sliceKey}) % ${SLICES}`,
    ];
    // TRICKY: a per-run table built from the kind's field names and slice key (code constants), not schema: it lives as
    // long as the run. sql/ingest/quarantine.sql rebuilds a faulty row as read from the columns that start with a
    // letter: keep the bookkeeping columns (_row, _slice, _skipN) starting with an underscore. Sorted by slice, a range
    // of slices is read from its own granules.
    await store.command(`CREATE TABLE ${staging} (${columns.join(', ')}) ENGINE = MergeTree ORDER BY (_slice, _row)`);
  };
  const stage: Stage = { store, spec, source, options, run, staging, progress };
  const faults: RowFault[] = [];
  try {
    if (detectFormat(source.name, options.format) === 'csv') {
      const staged = await stageCsv(stage, createStaging);
      faults.push(...(await quarantineOverflow(stage, staged.headerCells)));
      if (!staged.utf8) faults.push(...(await quarantineNotInEncoding(stage, fields.filter((f) => f !== RESUBMIT_COLUMN.key))));
    } else {
      await createStaging([]);
      await stageRows(stage);
    }
    const params = { staging, units, as_of: ctx.asOf, loaded_at: ctx.loadedAt, ...spec.checkParams(ctx) };
    // TRICKY: the check query is the file as written; only CREATE TABLE … AS wraps it, to keep its result for the steps
    // below, and for an upload by a user of a province or commune, in_scope.sql around it (SQL files, not values).
    let check = loadSqlFile('ingest', `${spec.kind}/check`);
    if (ctx.scope) {
      check = loadSqlFile('ingest', 'in_scope').replace('/* CHECK */', () => check);
      Object.assign(params, { scope_province: ctx.scope.province_code, scope_commune: ctx.scope.commune_code, scope_name: ctx.scope.name });
    }
    if (check.includes('{units:Identifier}')) {
      // The units in force, read once for the run: each range's check looks codes up in them three times, and the view
      // reads the registry FINAL each time (measured on half a million roster rows: the check 1,082 → 784 ms).
      await store.command(loadSqlFile('ingest', 'run_units'), { units, as_of: ctx.asOf });
    }
    for (const range of await sliceRanges(store, staging, options.checkRangeRows ?? CHECK_RANGE_ROWS)) {
      const slices = { slice_from: range.from, slice_to: range.to };
      // In memory: a range's checked rows are read four times and dropped, never merged (a MergeTree table cost 0.4 s of
      // CPU more per million rows), and a range is small enough to hold.
      await store.command(`CREATE TABLE ${checked} ENGINE = Memory AS ${check}`, { ...params, ...slices });
      try {
        const [counts] = await store.query<{ read: number; quarantined: number; duplicates: number; stored: number }>(loadSqlFile('ingest', 'counts'), { checked });
        const first = await store.query<{ _row: number; fault_fields: string[]; fault_details: string[] }>(loadSqlFile('ingest', 'faults'), {
          checked,
          limit: MAX_ERRORS_IN_SUMMARY,
        });
        // The summary's errors in file order, as if the file had been checked whole.
        faults.push(...first.flatMap((f) => f.fault_fields.map((field, i) => ({ row: Number(f._row), field, ...decodeFault(f.fault_details[i] ?? '') }))));
        faults.sort((a, b) => a.row - b.row).splice(MAX_ERRORS_IN_SUMMARY);
        await store.command(loadSqlFile('ingest', 'quarantine'), { staging, checked, ...slices, run_id: run.runId, kind: spec.kind });
        await store.command(loadSqlFile('ingest', `${spec.kind}/store`), { checked, run_id: run.runId });
        if (options.resubmitOf) await store.command(loadSqlFile('ingest', 'resolve'), { staging, checked, original_run: options.resubmitOf, run_id: run.runId });
        run.read += counts?.read ?? 0;
        run.stored += counts?.stored ?? 0;
        run.duplicates += counts?.duplicates ?? 0;
        run.countQuarantined(counts?.quarantined ?? 0, []);
      } finally {
        await store.command(`DROP TABLE IF EXISTS ${checked}`);
      }
    }
    run.countQuarantined(0, faults);
  } finally {
    await store.command(`DROP TABLE IF EXISTS ${staging}`);
    await store.command(`DROP TABLE IF EXISTS ${checked}`);
    await store.command(`DROP TABLE IF EXISTS ${units}`);
  }
}

/**
 * The staged rows' slices cut into consecutive ranges of about the same number of rows, as few as `rangeRows` rows
 * a range allows: each range costs a fixed part, and a range of a few rows left over after full ones would cost it
 * for nothing (measured on a million roster rows: ranges of 499k, 499k and 2k rows checked in 1.20, 1.15 and 0.40 s).
 * A slice is never cut: a range may pass its share by one slice (a thousandth of the rows), or more when one slice is
 * larger.
 */
async function sliceRanges(store: Store, staging: string, rangeRows: number): Promise<{ from: number; to: number }[]> {
  const slices = await store.query<{ slice: number; rows: number }>(
    'SELECT _slice AS slice, count() AS rows FROM {staging:Identifier} GROUP BY _slice ORDER BY _slice',
    { staging },
  );
  return cutIntoRanges(slices, rangeRows);
}

export function cutIntoRanges(slices: readonly { slice: number; rows: number }[], rangeRows: number): { from: number; to: number }[] {
  const total = slices.reduce((sum, s) => sum + s.rows, 0);
  const share = total / Math.max(1, Math.ceil(total / rangeRows));
  const ranges: { from: number; to: number }[] = [];
  let rows = 0;
  for (const s of slices) {
    const last = ranges.at(-1);
    // A slice joins the range before while that range is under its share.
    if (last && rows < share) {
      last.to = s.slice;
      rows += s.rows;
    } else {
      ranges.push({ from: s.slice, to: s.slice });
      rows = s.rows;
    }
  }
  return ranges;
}

/** What staging a run's rows needs. */
interface Stage {
  store: Store;
  spec: SqlKind;
  source: SourceFile;
  options: ReadOptions;
  run: IngestRun;
  staging: string;
  progress: (p: Progress) => void;
}

interface StagedCsv {
  /** The header's cells. */
  headerCells: number;
  /** Every byte of the file is UTF-8: no staged cell holds a part in another encoding. */
  utf8: boolean;
}

/**
 * CSV: the header found and mapped here; the records staged with their row numbers. A UTF-8 file on this machine's disk
 * whose records are all one line each is read by the embedded engine itself (readInEngine); any other CSV is split into
 * records here, each written with its row number in front, and the engine parses the cells.
 */
async function stageCsv(stage: Stage, createStaging: (extra: string[]) => Promise<void>, inEngine = true): Promise<StagedCsv> {
  const { store, spec, source, options, run } = stage;
  const raw = source.open();
  const decoded = await decodeToUtf8(source.name, raw, options.encoding);
  run.encoding = decoded.encoding;
  const { head, stream } = await peek(decoded.stream, 64 * 1024);
  const delimiter = sniffDelimiter(head.toString('utf8'));
  const scan = await scanCsvRecords(stream, source.name, delimiter, new HeaderSearch(spec.columns, source.name), {
    chunkBytes: CHUNK_BYTES,
    maxRecordBytes: MAX_RECORD_BYTES,
  });
  const mapped = fieldsOfHeader(scan.head.cells, spec.columns);
  const skipped = mapped.map((f, i) => (f === undefined ? `_skip${i + 1}` : undefined)).filter((x): x is string => x !== undefined);
  const overflow = Array.from({ length: OVERFLOW_CELLS }, (_, i) => `_over${i + 1}`);
  await createStaging([...skipped, ...overflow]);
  const columns = [...mapped.map((f, i) => f ?? `_skip${i + 1}`), ...overflow];
  const settings = {
    format_csv_delimiter: delimiter,
    format_csv_allow_single_quotes: 0, // "Xã Ea H'Leo" is a name, not a quoted cell
    input_format_csv_allow_variable_number_of_columns: 1,
  };
  // TRICKY: file() takes * ? { } [ in a path as a pattern of names: a file named so is read the other way.
  const file = source.path && !/[*?{}[\]]/.test(source.path) ? source.path : undefined;
  const onDisk = inEngine && file && store.engine === 'embedded' && decoded.charset === 'utf-8' ? await recordsAreLines(fs.createReadStream(file, { highWaterMark: 1024 * 1024 }), MAX_RECORD_BYTES) : undefined;
  if (file && onDisk?.lines) {
    await scan.chunks.return(undefined);
    raw.destroy();
    if (await readInEngine(stage, file, scan.head.headerRow, columns, settings)) return { headerCells: mapped.length, utf8: onDisk.utf8 };
    // The same header, so the same staging table: the file is read again, the other way.
    return stageCsv(stage, async () => {}, false);
  }
  let rows = 0;
  // The engine parses one chunk while the next is split here.
  let staging: Promise<void> = Promise.resolve();
  for await (const chunk of scan.chunks) {
    // A record whose quote is never closed cannot be cut into cells: it is quarantined whole, as its text.
    for (const r of chunk.unclosed) {
      run.read++;
      await run.quarantine(r.row, [{ field: 'row', ...unclosedQuote(r.quoteLine) }], r.text);
    }
    await staging;
    staging = stageChunk(stage, ['_row', ...columns], chunk.body, delimiter, settings).then(() => {
      rows += chunk.records;
      stage.progress({ rows, fraction: source.size ? chunk.bytesRead / source.size : undefined });
    });
    staging.catch(() => {}); // awaited at the next chunk or below
  }
  await staging;
  // Bytes passed through as read: a part in another encoding is looked for in the staged cells.
  return { headerCells: mapped.length, utf8: false };
}

/**
 * Staged CSV rows with a cell written past the header's last column, quarantined and taken out of staging before the
 * check (the engine, told to take rows of any length, would drop those cells). Returns the first of them, for the
 * summary. Such rows are rare: the first query, on the mostly empty _over columns, is all a run usually pays.
 */
async function quarantineOverflow(stage: Stage, headerCells: number): Promise<RowFault[]> {
  const detail = overflowFault(headerCells);
  return quarantineStaged<number>(stage, 'overflow', { reason: encodeFaults([detail]) }, (row) => [{ row: Number(row), field: 'row', ...detail }]);
}

/**
 * Staged CSV rows holding bytes that are not UTF-8 in one of the kind's fields (a part of the file saved in another
 * encoding than its start), quarantined and taken out of staging before the check: see not_in_encoding_rows.sql.
 * Returns the first of them, a fault for each such field, for the summary.
 */
async function quarantineNotInEncoding(stage: Stage, fields: string[]): Promise<RowFault[]> {
  const encoding = encodingName(stage.run.encoding);
  return quarantineStaged<[number, string[]]>(stage, 'not_in_encoding', { fields, encoding }, ([row, bad]) =>
    bad.map((field) => ({ row: Number(row), field, code: 'not_in_encoding' as const, params: { encoding } })),
  );
}

/**
 * Staged rows read wrong, found before the check: sql/ingest/<what>_rows.sql counts them and gives the first (each
 * worded by `faultsOf` for the summary), <what>_quarantine.sql keeps them all, and quarantined_drop.sql takes them out
 * of staging, so that the check never reads them.
 */
async function quarantineStaged<First>(
  { store, staging, run, spec }: Stage,
  what: 'overflow' | 'not_in_encoding',
  params: Record<string, unknown>,
  faultsOf: (first: First) => RowFault[],
): Promise<RowFault[]> {
  const [found] = await store.query<{ rows: number; first: First[] }>(loadSqlFile('ingest', `${what}_rows`), { staging, ...params, limit: MAX_ERRORS_IN_SUMMARY });
  const rows = Number(found?.rows ?? 0);
  if (rows === 0) return [];
  await store.command(loadSqlFile('ingest', `${what}_quarantine`), { staging, ...params, run_id: run.runId, kind: spec.kind });
  await store.command(loadSqlFile('ingest', 'quarantined_drop'), { staging, run_id: run.runId });
  run.read += rows;
  run.countQuarantined(rows, []);
  return (found?.first ?? []).flatMap(faultsOf);
}

async function stageChunk(stage: Stage, columns: string[], body: Buffer, delimiter: string, settings: InsertSettings): Promise<void> {
  try {
    await stage.store.insertFormatted(stage.staging, body, 'CSV', columns, settings);
  } catch {
    // The engine refused the chunk (a quote closed before its cell's end): read it here, record by record.
    await stageRecordByRecord(stage.store, stage.staging, columns, body, delimiter);
  }
}

/**
 * The embedded engine reads the file from disk and stages it in one statement, in parallel, without its bytes passing
 * through JavaScript (measured on a million roster rows: 1.0 s against 3.3 s). Its record numbers are the file's lines,
 * as no record spans lines: the row is the header's line + 1 + the record number. A line with no cell written is not
 * a row, as on the other path (an empty line parses to empty cells); one with a cell written in any column is. A malformed quote fails the statement: the engine
 * stages nothing then, and the file is read the other way, which finds the record and quarantines it.
 */
async function readInEngine(stage: Stage, file: string, headerRow: number, columns: string[], settings: InsertSettings): Promise<boolean> {
  const { store, staging, source } = stage;
  // TRICKY: column names are the kind's field names or _skipN (code constants); the delimiter is one of , ; or tab.
  const structure = columns.map((c) => `${c} String`).join(', ');
  // Every column, those no field takes and those past the header too: a row written only there is still a row (it is
  // quarantined for what it lacks, or for its cells past the header), as on the other path.
  const written = columns.map((c) => `${c} != ''`).join(' OR ');
  const delimiter = settings.format_csv_delimiter === '\t' ? '\\t' : settings.format_csv_delimiter;
  try {
    await store.command(
      `INSERT INTO {staging:Identifier} (_row, ${columns.join(', ')})
       SELECT _row_number + {first_row:UInt64}, ${columns.join(', ')}
       FROM file({file:String}, 'CSV', {structure:String})
       WHERE ${written || '1'}
       SETTINGS format_csv_delimiter = '${delimiter}', format_csv_allow_single_quotes = 0,
                input_format_csv_allow_variable_number_of_columns = 1, input_format_csv_detect_header = 0,
                input_format_csv_skip_first_lines = {skip:UInt64},
                min_insert_block_size_rows = 262144, min_insert_block_size_bytes = 67108864, storage_file_read_method = 'pread'`,
      { staging, file, structure, first_row: headerRow + 1, skip: headerRow },
    );
  } catch {
    await store.command('TRUNCATE TABLE {staging:Identifier}', { staging });
    return false;
  }
  const [staged] = await store.query<{ rows: number }>('SELECT count() AS rows FROM {staging:Identifier}', { staging });
  stage.progress({ rows: staged?.rows ?? 0, fraction: source.size ? 1 : undefined });
  return true;
}

async function stageRecordByRecord(store: Store, staging: string, columns: string[], body: Buffer, delimiter: string): Promise<void> {
  const good: object[] = [];
  // Each staged record is one line that starts with its row number; a quoted line break continues it (split as
  // scanCsvRecords split the file, and its cells read as the JavaScript path reads them: a stray quote is a character).
  const splitter = new CsvSplitter(delimiter.charCodeAt(0), Number.MAX_SAFE_INTEGER, staging);
  splitter.feed(body);
  splitter.end();
  for (let record = splitter.next(); record; record = splitter.next()) {
    const [row, ...cells] = parseRecord(record.bytes.toString('utf8'), delimiter);
    good.push(Object.fromEntries(columns.map((c, i) => [c, c === '_row' ? Number(row) : (cells[i - 1] ?? '')])));
  }
  await store.insert(staging, good);
}

/** XLSX and JSON Lines: rows read and mapped here, staged as JSON with their row numbers. */
async function stageRows({ store, spec, source, options, run, staging, progress }: Stage): Promise<void> {
  const opened = await openRows(source, options);
  run.encoding = opened.encoding;
  let batch: object[] = [];
  let rows = 0;
  for await (const r of mapColumns(opened.rows, spec.columns, source.name)) {
    if (r.unreadable) {
      run.read++;
      await run.quarantine(r.row, [r.unreadable.fault], r.unreadable.raw);
      continue;
    }
    batch.push({ _row: r.row, ...Object.fromEntries(spec.columns.map((c) => [c.key, r.values[c.key] ?? ''])) });
    if (batch.length >= JSON_BATCH) {
      await store.insert(staging, batch);
      rows += batch.length;
      batch = [];
      progress({ rows });
    }
  }
  await store.insert(staging, batch);
  progress({ rows: rows + batch.length });
}
