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

export interface SourceFile {
  /** The name shown in summaries and errors: a path as given, or an upload's file name. */
  name: string;
  open(): Readable;
}

export function fileSource(filePath: string): SourceFile {
  if (!fs.existsSync(filePath)) throw new InputError(filePath, `no such file`);
  return { name: filePath, open: () => fs.createReadStream(filePath) };
}

export function bufferSource(name: string, body: Buffer): SourceFile {
  return { name, open: () => Readable.from([body]) };
}

/** An input the readers cannot read at all (as opposed to a bad row, which is quarantined). */
export class InputError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'InputError';
  }
}

export interface RawRow {
  /** Row number as a spreadsheet shows it: the CSV line where the record starts, or the sheet row. */
  row: number;
  cells: string[];
}

export type TableFormat = 'csv' | 'xlsx';

export interface ReadOptions {
  format?: TableFormat;
  /** XLSX: the sheet to read (default: the first). */
  sheet?: string;
}

export function detectFormat(name: string, declared?: TableFormat): TableFormat {
  if (declared) return declared;
  const ext = path.extname(name).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv' || ext === '') return 'csv';
  throw new InputError(name, `cannot tell the format from "${ext}": use a .csv or .xlsx file`);
}

export function readRows(source: SourceFile, options: ReadOptions = {}): AsyncIterable<RawRow> {
  const format = detectFormat(source.name, options.format);
  return format === 'xlsx' ? readXlsxRows(source, options.sheet) : readCsvRows(source);
}

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
  const input = source.open();
  // Peek at the start to choose the delimiter, then hand the whole stream, peeked bytes included, to the parser.
  const head: Buffer[] = [];
  let headLength = 0;
  const iterator = input[Symbol.asyncIterator]();
  while (headLength < 64 * 1024) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    head.push(chunk);
    headLength += chunk.length;
    if (chunk.includes(0x0a)) break;
  }
  const headText = Buffer.concat(head).toString('utf8').replace(/^\uFEFF/, '');
  const delimiter = sniffDelimiter(headText.split(/\r?\n/)[0] ?? '');
  const rest = async function* () {
    yield* head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value as Buffer;
    }
  };
  const parser = Readable.from(rest()).pipe(
    parseCsv({
      bom: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      max_record_size: 4 * 1024 * 1024,
    }),
  );
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // info.lines is the line where the record ends; a quoted cell may span lines, so step back over them.
      const inner = record.record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      yield { row: record.info.lines - inner, cells: record.record };
    }
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new InputError(source.name, `line ${e.lines ?? '?'}: ${e.message}`);
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
        if (cells.some((c) => c !== '')) yield { row: row.number, cells };
      }
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(source.name, `not a readable .xlsx workbook (${(error as Error).message})`);
  }
  if (!found) {
    throw new InputError(
      source.name,
      sheet === undefined ? 'the workbook has no sheet' : `no sheet named "${sheet}" (sheets: ${seen.join(', ')})`,
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
