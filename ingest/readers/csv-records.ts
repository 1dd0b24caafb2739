/**
 * The fast CSV path: finds record boundaries in UTF-8 bytes (a newline outside quotes ends a record) without parsing
 * the cells, and writes each data record with its row number in front, ready for ClickHouse's own CSV parser.
 * JavaScript touches each byte once; the cells are parsed by the engine. The header (and any title block above it)
 * is parsed here, with csv-parse, to map columns.
 */
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { InputError } from './index.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export interface CsvHead {
  /** Row number (line) of the header. */
  headerRow: number;
  cells: string[];
}

export interface CsvRecords {
  head: CsvHead;
  /** Data records as "ROW<delimiter>record\n", in chunks of about `chunkBytes`. */
  chunks: AsyncGenerator<{ body: Buffer; records: number; bytesRead: number }>;
}

/**
 * Scans `input` (UTF-8, no BOM). `isHeader` is asked about each of the first records (parsed into cells) until it says
 * yes; up to `maxHeaderRows` records are looked at.
 */
export async function scanCsvRecords(
  input: Readable,
  fileName: string,
  delimiter: string,
  isHeader: (cells: string[]) => boolean,
  options: { maxHeaderRows: number; chunkBytes: number; maxRecordBytes: number; describeExpected: () => string },
): Promise<CsvRecords> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const delimiterByte = Buffer.from(delimiter)[0] as number;

  let carry: Buffer = Buffer.alloc(0);
  let inQuotes = false;
  let line = 1; // line the next record starts on
  let linesInRecord = 0; // line breaks inside quotes of the record being read, which may span chunks
  let bytesRead = 0;
  let ended = false;
  const pending: { row: number; bytes: Buffer }[] = [];

  /** Reads more input and splits off complete records into `pending`. */
  const fill = async (): Promise<boolean> => {
    if (ended) return false;
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      if (carry.length > 0 && !isBlank(carry)) pending.push({ row: line, bytes: trimCr(carry) });
      carry = Buffer.alloc(0);
      return pending.length > 0;
    }
    bytesRead += next.value.length;
    const data = carry.length > 0 ? Buffer.concat([carry, next.value]) : next.value;
    let start = 0;
    for (let i = carry.length; i < data.length; i++) {
      const b = data[i] as number;
      if (b === QUOTE) inQuotes = !inQuotes;
      else if (b === LF) {
        linesInRecord++;
        if (!inQuotes) {
          const record = data.subarray(start, i);
          if (!isBlank(record)) pending.push({ row: line, bytes: trimCr(record) });
          line += linesInRecord;
          linesInRecord = 0;
          start = i + 1;
        }
      }
    }
    carry = Buffer.from(data.subarray(start));
    if (carry.length > options.maxRecordBytes) {
      throw new InputError(fileName, `line ${line}: a record longer than ${Math.round(options.maxRecordBytes / 1048576)} MiB (an unclosed quote?)`);
    }
    return true;
  };

  // The header: the first record, among the first few, that isHeader accepts.
  let head: CsvHead | undefined;
  let best: string[] | undefined;
  for (let looked = 0; looked < options.maxHeaderRows; ) {
    while (pending.length === 0) if (!(await fill())) break;
    const record = pending.shift();
    if (!record) break;
    looked++;
    const cells = parseCells(record.bytes, delimiter);
    if (isHeader(cells)) {
      head = { headerRow: record.row, cells };
      break;
    }
    best ??= cells;
  }
  if (!head) {
    throw new InputError(fileName, `no header row with the columns ${options.describeExpected()} in the first ${options.maxHeaderRows} rows`);
  }

  const chunks = async function* () {
    for (;;) {
      while (pending.length === 0) if (!(await fill())) return;
      // Size the output for the pending records: each gets its row number (≤ 12 digits), a delimiter and a newline.
      let size = 0;
      for (const r of pending) size += r.bytes.length + 14;
      const body = Buffer.allocUnsafe(size);
      let at = 0;
      let count = 0;
      while (pending.length > 0 && at < options.chunkBytes) {
        const r = pending.shift() as { row: number; bytes: Buffer };
        at += body.write(String(r.row), at, 'latin1');
        body[at++] = delimiterByte;
        at += r.bytes.copy(body, at);
        body[at++] = LF;
        count++;
      }
      yield { body: body.subarray(0, at), records: count, bytesRead };
    }
  };
  return { head, chunks: chunks() };
}

function trimCr(record: Buffer): Buffer {
  return record.length > 0 && record[record.length - 1] === CR ? record.subarray(0, record.length - 1) : record;
}

function isBlank(record: Buffer): boolean {
  for (const b of record) if (b !== CR && b !== 0x20 && b !== 0x09) return false;
  return true;
}

function parseCells(record: Buffer, delimiter: string): string[] {
  try {
    const rows = parse(record, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
    return rows[0] ?? [];
  } catch {
    return [];
  }
}
