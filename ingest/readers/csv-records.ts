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

/** How the header is told among the first records, and the refusal when none is (ingest/pipeline/columns.ts). */
export interface HeaderFinder {
  /** Whether the record on this row is the header. */
  consider(row: number, cells: string[]): unknown;
  /** Whether no later record is looked at. */
  readonly done: boolean;
  refusal(): Error;
}

/**
 * Scans `input` (UTF-8, no BOM). `header` is asked about each of the first records (parsed into cells) until it says
 * yes, or that it is done looking.
 */
export async function scanCsvRecords(
  input: Readable,
  fileName: string,
  delimiter: string,
  header: HeaderFinder,
  options: { chunkBytes: number; maxRecordBytes: number },
): Promise<CsvRecords> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const delimiterByte = Buffer.from(delimiter)[0] as number;

  let carry: Buffer = Buffer.alloc(0);
  let inQuotes = false;
  let line = 1; // line the next record starts on
  let linesInRecord = 0; // line breaks inside quotes of the record being read, which may span chunks
  let bytesRead = 0;
  let ended = false;
  // Records wait here while the header is looked for; after it, they are written straight into the next insert body
  // (measured: a hundred thousand small Buffer views waiting for each 16 MiB body cost ~100 MB of memory).
  const pending: { row: number; bytes: Buffer }[] = [];
  let body: InsertBody | undefined;
  const take = (row: number, bytes: Buffer) => {
    if (body) body.add(row, bytes);
    else pending.push({ row, bytes });
  };

  /** Reads more input and splits off complete records into `pending` or `body`. */
  const fill = async (): Promise<boolean> => {
    if (ended) return false;
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      if (carry.length > 0 && !isBlank(carry, delimiterByte)) take(line, trimCr(carry));
      carry = Buffer.alloc(0);
      return pending.length > 0;
    }
    bytesRead += next.value.length;
    const data = carry.length > 0 ? Buffer.concat([carry, next.value]) : next.value;
    let start = 0;
    // Jumps from quote to quote and from line break to line break with indexOf (native), instead of looking at each
    // byte in JavaScript (measured: the scan of a million roster rows took 1.7 s of CPU byte by byte).
    const end = data.length;
    const nextIndex = (byte: number, from: number) => {
      const at = data.indexOf(byte, from);
      return at === -1 ? end : at;
    };
    let i = carry.length;
    let quote = nextIndex(QUOTE, i);
    while (i < end) {
      if (inQuotes) {
        // Line breaks inside quotes belong to the record; "" inside quotes closes and reopens them, as it should.
        for (let lf = nextIndex(LF, i); lf < quote; lf = nextIndex(LF, lf + 1)) linesInRecord++;
        if (quote === end) break;
        inQuotes = false;
        i = quote + 1;
        quote = nextIndex(QUOTE, i);
        continue;
      }
      const lf = nextIndex(LF, i);
      if (quote < lf) {
        inQuotes = true;
        i = quote + 1;
        quote = nextIndex(QUOTE, i);
        continue;
      }
      if (lf === end) break;
      linesInRecord++;
      const record = data.subarray(start, lf);
      if (!isBlank(record, delimiterByte)) take(line, trimCr(record));
      line += linesInRecord;
      linesInRecord = 0;
      start = lf + 1;
      i = lf + 1;
    }
    carry = Buffer.from(data.subarray(start));
    if (carry.length > options.maxRecordBytes) {
      throw new InputError(fileName, { code: 'record_too_long', params: { line, max: Math.round(options.maxRecordBytes / 1048576) } });
    }
    return true;
  };

  // The header: the first record, among the first few, that the finder takes.
  let head: CsvHead | undefined;
  while (!head && !header.done) {
    while (pending.length === 0) if (!(await fill())) break;
    const record = pending.shift();
    if (!record) break;
    const cells = parseCells(record.bytes, delimiter);
    if (header.consider(record.row, cells)) head = { headerRow: record.row, cells };
  }
  if (!head) throw header.refusal();

  const chunks = async function* () {
    const newBody = () => new InsertBody(options.chunkBytes + BODY_SLACK, delimiterByte);
    body = newBody();
    for (const r of pending) body.add(r.row, r.bytes);
    pending.length = 0;
    for (;;) {
      // TRICKY: a stream chunk is far smaller than `chunkBytes` (64 KiB–1 MiB); read on until an insert's worth is
      // written, or each insert would carry one stream chunk (measured on a million roster rows: staging 4.1 s of CPU
      // with 1 MiB inserts, 2.9 s with 16 MiB).
      while (body.size < options.chunkBytes) if (!(await fill())) break;
      if (body.records === 0) return;
      const full = body;
      body = newBody();
      yield { body: full.bytes(), records: full.records, bytesRead };
    }
  };
  return { head, chunks: chunks() };
}

/** Room past `chunkBytes` for the records of the stream chunk that crosses it (the body grows for longer ones). */
const BODY_SLACK = 1024 * 1024;

/** An insert body being written: each record as "ROW<delimiter>record\n". */
class InsertBody {
  private buffer: Buffer;
  size = 0;
  records = 0;

  constructor(
    capacity: number,
    private readonly delimiterByte: number,
  ) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  add(row: number, record: Buffer): void {
    // A row number has at most 12 digits; then a delimiter and a newline.
    const needed = this.size + record.length + 14;
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.size);
      this.buffer = grown;
    }
    this.size += this.buffer.write(String(row), this.size, 'latin1');
    this.buffer[this.size++] = this.delimiterByte;
    this.size += record.copy(this.buffer, this.size);
    this.buffer[this.size++] = LF;
    this.records++;
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.size);
  }
}

function trimCr(record: Buffer): Buffer {
  return record.length > 0 && record[record.length - 1] === CR ? record.subarray(0, record.length - 1) : record;
}

/** A line with no cell written: empty, spaces, or delimiters only (a spreadsheet's empty rows saved as ",,,,"). */
function isBlank(record: Buffer, delimiterByte: number): boolean {
  for (const b of record) if (b !== CR && b !== 0x20 && b !== 0x09 && b !== delimiterByte) return false;
  return true;
}

/**
 * Whether each record of a UTF-8 CSV file is one line (no line break inside quotes: a cell written on several lines) of
 * at most `maxLineBytes`. When so, the engine's record numbers give the lines users see, and no record is too long to
 * take. Native searches from line break to line break and from quote to quote: JavaScript does not look at each byte.
 */
export async function recordsAreLines(input: Readable, maxLineBytes: number): Promise<boolean> {
  let inQuotes = false;
  let lineBytes = 0;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let from = 0;
    for (let lf = chunk.indexOf(LF); lf !== -1; lf = chunk.indexOf(LF, from)) {
      if (lineBytes + lf - from > maxLineBytes) return false;
      lineBytes = 0;
      from = lf + 1;
    }
    lineBytes += chunk.length - from;
    if (lineBytes > maxLineBytes) return false;
    let i = 0;
    for (;;) {
      const quote = chunk.indexOf(QUOTE, i);
      if (inQuotes) {
        const lf = chunk.indexOf(LF, i);
        if (lf !== -1 && (quote === -1 || lf < quote)) return false;
      }
      if (quote === -1) break;
      inQuotes = !inQuotes;
      i = quote + 1;
    }
  }
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
