/**
 * Readers: turn an input file (CSV or XLSX, from disk or from an HTTP body) into rows of text cells,
 * each with the row number a user sees when opening the file. Streaming, so memory stays bounded.
 * Which columns mean what is decided later (ingest/pipeline/columns.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { decodeToUtf8, type DeclaredEncoding } from './decode.js';
import { peek } from './streams.js';
import { CsvSplitter, isBlank, parseRecord, withoutControls } from './csv-records.js';
import { WordedError, type FaultDetail, type FaultCode } from '../faults.js';
import { holdZipEndUntilRead } from './zip-end.js';

holdZipEndUntilRead();

export interface SourceFile {
  /** The name shown in summaries and errors: a path as given, or an upload's file name. */
  name: string;
  /** Bytes, when known: progress is shown as a share of it. */
  size?: number;
  /** A file on this machine's disk (not an upload): the embedded engine may read it itself. */
  path?: string;
  open(): Readable;
}

export function fileSource(filePath: string): SourceFile {
  if (!fs.existsSync(filePath)) throw new InputError(filePath, { code: 'file_missing' });
  return { name: filePath, path: path.resolve(filePath), size: fs.statSync(filePath).size, open: () => fs.createReadStream(filePath, { highWaterMark: 1024 * 1024 }) };
}

export function bufferSource(name: string, body: Buffer): SourceFile {
  return { name, size: body.length, open: () => Readable.from([body]) };
}

/** An upload read once as it arrives (an HTTP body): never held whole in memory. */
export function streamSource(name: string, stream: Readable, size?: number): SourceFile {
  let opened = false;
  return {
    name,
    size,
    open: () => {
      if (opened) throw new Error(`${name} is a stream and can be read only once`);
      opened = true;
      return stream;
    },
  };
}

/** An input the readers cannot read at all (as opposed to a bad row, which is quarantined). */
export class InputError extends WordedError {
  constructor(
    readonly file: string,
    detail: FaultDetail | string,
  ) {
    super(file, detail);
    this.name = 'InputError';
  }
}

export interface RawRow {
  /** Row number as a spreadsheet shows it: the CSV line where the record starts, the sheet row, the JSON line. */
  row: number;
  cells: string[];
  /** A JSON Lines record: its fields by name, instead of cells under a header. */
  record?: Record<string, unknown>;
  /** XLSX: the sheet it is on. */
  sheet?: string;
  /** Why the row could not be read at all (a JSON line that is not JSON); it goes to quarantine as it is. */
  unreadable?: { text: string; fault: FaultDetail };
}

/**
 * The rows of a file. A CSV reader is told the header's number of cells once it is found (ingest/pipeline/columns.ts):
 * how it tells a quote never closed from a cell written on several lines.
 */
export interface RawRows extends AsyncIterable<RawRow> {
  tableWidth?(cells: number): void;
}

export type TableFormat = 'csv' | 'xlsx' | 'jsonl';

export interface ReadOptions {
  format?: TableFormat;
  /** XLSX: the sheet to read (default: the first). */
  sheet?: string;
  /** CSV and JSON Lines: the text encoding, when not to be detected. */
  encoding?: DeclaredEncoding;
}

/** Spreadsheet formats offices still send, which are not read; each can be saved as one that is. */
const SAVE_AS: Record<string, FaultCode> = {
  '.xls': 'xls_not_read',
  '.xlsb': 'xlsb_not_read',
  '.ods': 'ods_not_read',
  '.numbers': 'numbers_not_read',
};

export function detectFormat(name: string, declared?: TableFormat): TableFormat {
  if (declared) return declared;
  const ext = path.extname(name).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl';
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv' || ext === '') return 'csv';
  const saveAs = SAVE_AS[ext];
  if (saveAs) throw new InputError(name, { code: saveAs });
  throw new InputError(name, { code: 'format_unknown', params: { ext } });
}

/** The media types the HTTP ways in take, and the format each stands for. */
/** The media type of an .xlsx workbook, as uploads send it and downloads are served. */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const MEDIA_TYPES: Record<string, TableFormat> = {
  'text/csv': 'csv',
  'text/plain': 'csv',
  'text/tab-separated-values': 'csv',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  [XLSX_MEDIA_TYPE]: 'xlsx',
};

export interface OpenedRows {
  format: TableFormat;
  /** As the summary reports it: "utf-8 (detected)", "tcvn3 (declared)", "xlsx". */
  encoding: string;
  rows: RawRows;
}

export async function openRows(source: SourceFile, options: ReadOptions = {}): Promise<OpenedRows> {
  const format = detectFormat(source.name, options.format);
  if (format === 'xlsx') return { format, encoding: 'xlsx (UTF-8)', rows: readXlsxRows(source, options.sheet) };
  const decoded = await decodeToUtf8(source.name, source.open(), options.encoding);
  const utf8: SourceFile = { name: source.name, open: () => decoded.stream };
  return { format, encoding: decoded.encoding, rows: format === 'jsonl' ? readJsonLines(utf8) : readCsvRows(utf8) };
}

/** Rows of a file, whatever its format and encoding. */
export async function* readRows(source: SourceFile, options: ReadOptions = {}): AsyncIterable<RawRow> {
  yield* (await openRows(source, options)).rows;
}

/** JSON Lines: one object per line; a line that is not a JSON object comes back unreadable, with the reason. */
async function* readJsonLines(source: SourceFile): AsyncIterable<RawRow> {
  let carry = '';
  let line = 0;
  const decoder = new TextDecoder('utf-8');
  const parseLine = (text: string): RawRow | undefined => {
    line++;
    const trimmed = text.trim();
    if (trimmed === '') return undefined;
    try {
      const value = JSON.parse(trimmed) as unknown;
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return { row: line, cells: [], unreadable: { text: trimmed.slice(0, 2000), fault: { code: 'not_json_object' } } };
      }
      return { row: line, cells: [], record: value as Record<string, unknown> };
    } catch (error) {
      return { row: line, cells: [], unreadable: { text: trimmed.slice(0, 2000), fault: { code: 'not_json', params: { detail: jsonErrorDetail((error as Error).message) } } } };
    }
  };
  for await (const chunk of source.open()) {
    carry += decoder.decode(chunk as Buffer, { stream: true });
    // A line ends with LF, CRLF or a lone CR, as in CSV; a CR last in what is read waits, as an LF may follow. A JSON
    // text holds neither raw, so no object is cut.
    const lines = carry.split(/\r\n|\r(?!$)|\n/);
    carry = lines.pop() ?? '';
    for (const text of lines) {
      const row = parseLine(text);
      if (row) yield row;
    }
    if (carry.length > MAX_LINE_CHARS) throw new InputError(source.name, { code: 'line_too_long', params: { line: line + 1, max: MAX_LINE_CHARS } });
  }
  carry += decoder.decode();
  const last = parseLine(carry);
  if (last) yield last;
}

/**
 * What JSON.parse says is wrong with a line, without the excerpt of the line V8 may quote ('Unexpected token 'a', "abc
 * Nguyễn 0912…" is not valid JSON'): the reason is shown to users who may not see the row's contact.
 */
export function jsonErrorDetail(message: string): string {
  return message.replace(/, ".*"(\.\.\.)? is not valid JSON$/s, '');
}

/** A CSV record or JSON line above this size is refused: streaming keeps memory bounded only if records are. */
export const MAX_LINE_CHARS = 4 * 1024 * 1024;

/** Records of the start of a file the delimiter is sniffed from: the title block and header, and rows after them. */
const SNIFF_RECORDS = 50;

/**
 * Comma, semicolon or tab: the one that splits the most of the file's first records into the same number of cells
 * (outside quotes), then the one giving more cells. Not the first line alone: a title above the table ("BÁO CÁO TUẦN
 * 37"), an empty line or a title on two lines holds none, or a comma of its text, while the header and the rows below
 * it (and a spreadsheet's empty rows, ";;;;;;;;") agree on one. A delimiter inside a text varies from row to row.
 */
export function sniffDelimiter(head: string): ',' | ';' | '\t' {
  const candidates = [',', ';', '\t'] as const;
  // How many records hold each count of each delimiter.
  const tallies = candidates.map(() => new Map<number, number>());
  const counts = [0, 0, 0];
  let records = 0;
  let quoted = false;
  let cellStart = true;
  const endRecord = () => {
    if (counts.some((c) => c > 0)) {
      counts.forEach((c, k) => c > 0 && tallies[k]?.set(c, (tallies[k]?.get(c) ?? 0) + 1));
      records++;
    }
    counts.fill(0);
  };
  for (let i = 0; i < head.length && records < SNIFF_RECORDS; i++) {
    const ch = head[i] as string;
    if (quoted) {
      if (ch === '"') quoted = false;
      continue;
    }
    const k = candidates.indexOf(ch as (typeof candidates)[number]);
    if (ch === '"' && cellStart) quoted = true;
    else if (k >= 0) (counts[k] as number)++;
    else if (ch === '\n' || ch === '\r') endRecord();
    cellStart = k >= 0 || ch === '\n' || ch === '\r';
  }
  endRecord();
  let best: { delimiter: ',' | ';' | '\t'; records: number; cells: number } = { delimiter: ',', records: 0, cells: 0 };
  candidates.forEach((delimiter, k) => {
    for (const [count, n] of tallies[k] as Map<number, number>) {
      if (n > best.records || (n === best.records && count + 1 > best.cells)) best = { delimiter, records: n, cells: count + 1 };
    }
  });
  return best.delimiter;
}

/**
 * CSV rows, each numbered by the line it starts on (CsvSplitter). A line with no cell written (empty, or ",,,," as
 * spreadsheets save empty rows) is not a row, as on the engine's path. A record whose quote is never closed comes back
 * unreadable, with the line the quote opens on, once the header is known (tableWidth); above it, it is read as a title.
 */
function readCsvRows(source: SourceFile): RawRows {
  let splitter: CsvSplitter | undefined;
  let width: number | undefined;
  return {
    tableWidth(cells: number) {
      width = cells;
      if (splitter) splitter.width = cells;
    },
    async *[Symbol.asyncIterator]() {
      // Peek at the start to choose the delimiter, then read the whole stream, peeked bytes included.
      const { head, stream } = await peek(source.open(), 64 * 1024);
      const delimiter = sniffDelimiter(head.toString('utf8'));
      const delimiterByte = delimiter.charCodeAt(0);
      const split = new CsvSplitter(delimiterByte, MAX_LINE_CHARS, source.name);
      split.width = width;
      splitter = split;
      // The input's own failure (an upload cut off or over its limit) is thrown as it is, from the loop.
      const chunks = withoutControls(stream)[Symbol.asyncIterator]();
      for (;;) {
        const record = split.next();
        if (!record) {
          if (split.ended) return;
          const next = await chunks.next();
          if (next.done) split.end();
          else split.feed(next.value);
          continue;
        }
        if (isBlank(record.bytes, delimiterByte)) continue;
        const text = record.bytes.toString('utf8');
        if (record.unclosedQuoteLine !== undefined && split.width !== undefined) {
          yield { row: record.row, cells: [], unreadable: { text: text.slice(0, 2000), fault: unclosedQuote(record.unclosedQuoteLine) } };
          continue;
        }
        yield { row: record.row, cells: parseRecord(text, delimiter) };
      }
    },
  };
}

/** Why a record with a quote never closed is quarantined, on both paths (sql-engine.ts stages such records apart). */
export function unclosedQuote(line: number): FaultDetail {
  return { code: 'unclosed_quote', params: { line } };
}
async function* readXlsxRows(source: SourceFile, sheet: string | undefined): AsyncIterable<RawRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source.open(), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  const seen: string[] = [];
  let found = false;
  try {
    for await (const worksheet of reader) {
      const ws = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name?: string };
      const name = ws.name ?? '';
      seen.push(name);
      if (found || (sheet !== undefined && name !== sheet)) {
        // Drain sheets we skip: the zip is read in order.
        for await (const _row of ws) void _row;
        continue;
      }
      found = true;
      for await (const row of ws) {
        const values = row.values as ExcelJS.CellValue[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) {
          const value = values[i];
          // TRICKY: a formula's value, as row.values gives it, has lost a result that is 0, '' or false, and an error's
          // (exceljs keeps only what is truthy): the cell's own model still has its result as read.
          const cell = typeof value === 'object' && value !== null && !(value instanceof Date) ? row.getCell(i) : undefined;
          const formula = cell?.type === ExcelJS.ValueType.Formula;
          cells.push(formula ? withoutControlChars(formulaText(value as ExcelJS.CellFormulaValue, cell.model as { result?: unknown })) : cellText(value));
        }
        if (cells.some((c) => c !== '')) yield { row: row.number, cells, sheet: name };
      }
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const message = (error as Error).message;
    // unzipper's word for a zip whose entries stop before their declared ends.
    if (message === 'FILE_ENDED') throw new InputError(source.name, { code: 'xlsx_cut' });
    throw new InputError(source.name, { code: 'xlsx_unreadable', params: { detail: message } });
  }
  if (!found) {
    throw new InputError(
      source.name,
      sheet === undefined ? { code: 'no_sheet' } : { code: 'sheet_missing', params: { sheet, sheets: seen.join(', ') } },
    );
  }
}

/**
 * The text of a cell as the user sees it: dates as YYYY-MM-DD, rich text joined, a hyperlink by its text, an error by
 * its text ("#N/A", so that a check shows it), without controls (as CSV cells: readers/csv-records.ts). No shape of
 * value becomes "[object Object]": one not known is read as its JSON.
 */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  return withoutControlChars(valueText(value));
}

function valueText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    // Excel dates have no zone; exceljs hands them over as UTC midnight of the written day.
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('error' in value) return String(value.error ?? '');
    if ('formula' in value || 'sharedFormula' in value) return formulaText(value as ExcelJS.CellFormulaValue, value);
    if ('text' in value) return valueText(value.text as ExcelJS.CellValue);
    if ('result' in value) return valueText(value.result as ExcelJS.CellValue);
  }
  return JSON.stringify(value);
}

/** NUL and BOMs taken out, as in CSV (see withoutControls; other controls may be letters of a pasted TCVN3 text). */
export function withoutControlChars(text: string): string {
  return /[\u0000\uFEFF]/.test(text) ? text.replace(/[\u0000\uFEFF]/g, '') : text;
}

/**
 * A formula by its cached result. TRICKY: exceljs's streaming reader reads the cached value of a formula as a number
 * unless it is text, so an error's text is lost ("#N/A" becomes NaN): such a cell, and a formula written without a
 * cached value (by a program, never by Excel), read as the formula as Excel's formula bar shows it ("=NA()"). It is
 * what the cell holds, so the check's reason points at it, where empty would make a required cell "empty" and drop an
 * optional one without a word. A shared formula's other cells do not carry its text: they read "#VALUE!".
 */
function formulaText(value: ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue, model: { result?: unknown }): string {
  const result = model.result;
  const failed = result === undefined || result === null || (typeof result === 'number' && Number.isNaN(result));
  if (!failed) return valueText(result as ExcelJS.CellValue);
  const formula = 'formula' in value && value.formula ? value.formula : '';
  return formula ? `=${formula}` : '#VALUE!';
}
