/**
 * Readers: turn an input file (CSV or XLSX, from disk or from an HTTP body) into rows of text cells,
 * each with the row number a user sees when opening the file. Streaming, so memory stays bounded.
 * Which columns mean what is decided later (ingest/pipeline/columns.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { decodeToUtf8, type DeclaredEncoding } from './decode.js';
import { peek } from './streams.js';
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
  rows: AsyncIterable<RawRow>;
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
      return { row: line, cells: [], unreadable: { text: trimmed.slice(0, 2000), fault: { code: 'not_json', params: { detail: (error as Error).message } } } };
    }
  };
  for await (const chunk of source.open()) {
    carry += decoder.decode(chunk as Buffer, { stream: true });
    let cut = carry.indexOf('\n');
    let start = 0;
    while (cut >= 0) {
      const row = parseLine(carry.slice(start, cut));
      if (row) yield row;
      start = cut + 1;
      cut = carry.indexOf('\n', start);
    }
    carry = carry.slice(start);
    if (carry.length > MAX_LINE_CHARS) throw new InputError(source.name, { code: 'line_too_long', params: { line: line + 1, max: MAX_LINE_CHARS } });
  }
  carry += decoder.decode();
  const last = parseLine(carry);
  if (last) yield last;
}

/** A CSV record or JSON line above this size is refused: streaming keeps memory bounded only if records are. */
export const MAX_LINE_CHARS = 4 * 1024 * 1024;

/** Comma, semicolon or tab: whichever the first line holds most of, outside quotes. */
export function sniffDelimiter(firstLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  const best = (Object.entries(counts) as [',' | ';' | '\t', number][]).sort((a, b) => b[1] - a[1])[0];
  return best && best[1] > 0 ? best[0] : ',';
}

async function* readCsvRows(source: SourceFile): AsyncIterable<RawRow> {
  // Peek at the start to choose the delimiter, then hand the whole stream, peeked bytes included, to the parser.
  const { head, stream } = await peek(source.open(), 64 * 1024);
  const headText = head.toString('utf8').replace(/^\uFEFF/, '');
  const delimiter = sniffDelimiter(headText.split(/\r?\n/)[0] ?? '');
  // TRICKY: pipe() does not pass on the input's failure (an upload cut off or over its limit): unheard, it would bring
  // the process down, and the parser would wait for ever. The input's own error is thrown as it is, not as bad CSV.
  let inputFailed: Error | undefined;
  const parser = stream.pipe(
    parseCsv({
      bom: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      max_record_size: MAX_LINE_CHARS,
    }),
  );
  stream.on('error', (error) => {
    inputFailed = error;
    parser.destroy(error);
  });
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // info.lines is the line where the record ends; a quoted cell may span lines, so step back over them.
      const inner = record.record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      yield { row: record.info.lines - inner, cells: record.record };
    }
  } catch (error) {
    if (inputFailed) throw inputFailed;
    const e = error as Error & { lines?: number };
    throw new InputError(source.name, { code: 'csv_unreadable', params: { line: e.lines ?? '?', detail: e.message } });
  }
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
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
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

/** The text of a cell as the user sees it: formulas by their result, dates as YYYY-MM-DD, rich text joined. */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    // Excel dates have no zone; exceljs hands them over as UTC midnight of the written day.
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}
