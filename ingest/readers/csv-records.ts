/**
 * CSV records: where each record of a CSV file starts and ends, and its line (CsvSplitter), for both ways a CSV file is
 * read. The fast path finds record boundaries in UTF-8 bytes without parsing the cells, and writes each data record
 * with its row number in front, ready for ClickHouse's own CSV parser; the JavaScript path (readers/index.ts) parses
 * each record's cells here (parseRecord). The header (and any title block above it) is parsed here, to map columns.
 */
import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';
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
  chunks: AsyncGenerator<{ body: Buffer; records: number; bytesRead: number; unclosed: UnclosedRecord[] }>;
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
 * Scans `input` (UTF-8, no BOM at its start). `header` is asked about each of the first records (parsed into cells)
 * until it says yes, or that it is done looking. A record with a quote never closed is not staged (its cells cannot be
 * told apart): it comes with its chunk, to be quarantined.
 */
export async function scanCsvRecords(
  input: Readable,
  fileName: string,
  delimiter: string,
  header: HeaderFinder,
  options: { chunkBytes: number; maxRecordBytes: number },
): Promise<CsvRecords> {
  const iterator = withoutControls(input)[Symbol.asyncIterator]();
  const delimiterByte = Buffer.from(delimiter)[0] as number;
  const splitter = new CsvSplitter(delimiterByte, options.maxRecordBytes, fileName);
  let bytesRead = 0;
  /** Gives the splitter the next piece of input; false once it has had the end. */
  const fill = async (): Promise<boolean> => {
    if (splitter.ended) return false;
    const next = await iterator.next();
    if (next.done) splitter.end();
    else {
      bytesRead += next.value.length;
      splitter.feed(next.value);
    }
    return true;
  };

  // The header: the first record, among the first few, that the finder takes.
  let head: CsvHead | undefined;
  while (!head && !header.done) {
    const record = splitter.next();
    if (!record) {
      if (!(await fill())) break;
      continue;
    }
    if (isBlank(record.bytes, delimiterByte)) continue;
    const cells = parseRecord(record.bytes.toString('utf8'), delimiter);
    if (header.consider(record.row, cells)) head = { headerRow: record.row, cells };
  }
  if (!head) throw header.refusal();
  splitter.width = head.cells.length;

  const chunks = async function* () {
    for (;;) {
      const body = new InsertBody(options.chunkBytes + BODY_SLACK, delimiterByte);
      const unclosed: UnclosedRecord[] = [];
      // TRICKY: a stream chunk is far smaller than `chunkBytes` (64 KiB–1 MiB); read on until an insert's worth is
      // written, or each insert would carry one stream chunk (measured on a million roster rows: staging 4.1 s of CPU
      // with 1 MiB inserts, 2.9 s with 16 MiB).
      while (body.size < options.chunkBytes) {
        const record = splitter.next();
        if (!record) {
          if (!(await fill())) break;
          continue;
        }
        if (record.unclosedQuoteLine !== undefined) unclosed.push({ row: record.row, text: record.bytes.toString('utf8'), quoteLine: record.unclosedQuoteLine });
        else if (!isBlank(record.bytes, delimiterByte)) body.add(record.row, record.bytes);
      }
      if (body.records === 0 && unclosed.length === 0) return;
      yield { body: body.bytes(), records: body.records, bytesRead, unclosed };
    }
  };
  return { head, chunks: chunks() };
}

/** A record whose quote is never closed: the line it starts on, its text, and the line the quote opens on. */
export interface UnclosedRecord {
  row: number;
  text: string;
  quoteLine: number;
}

/** A record of a CSV file, as CsvSplitter cuts it. */
export interface SplitRecord {
  /** The line the record starts on, as an editor numbers the file's lines. */
  row: number;
  /** Its bytes, without the line break that ends it. */
  bytes: Buffer;
  /** Set when a quote in it is never closed: the line the quote opens on (see CsvSplitter). */
  unclosedQuoteLine?: number;
}

/**
 * Cuts CSV text (UTF-8 bytes) into records, one at a time, each numbered by the line it starts on. It follows the
 * parsers that then read the cells (csv-parse with relax_quotes, ClickHouse's CSV), so that all agree on where a
 * record ends:
 * - A line ends with LF, CRLF or a lone CR (Excel's "CSV (Macintosh)", or lines pasted from one), each one line
 *   wherever it stands: a file mixing them loses no row and keeps its line numbers.
 * - A double quote opens a quoted cell only where a cell starts (the record's start, or after a delimiter); anywhere
 *   else it is a character of the cell (Trần Văn "Út"). Inside quotes, "" is a quote and a quote followed by anything
 *   else closes them; a line break inside quotes belongs to the cell.
 * - A quote never closed would take every line after it into one cell. Once the table's width is known (its header's
 *   cells), a line break inside quotes ends the record, as an unclosed quote, when the line after it reads on its own
 *   as a whole row of the table: that many cells, each quoted cell closed where it ends, and no other cell ending
 *   with a quote. A cell written on several lines holds no such line: its last line ends a cell with the closing
 *   quote, which a whole row may not, and its other lines are text, not a row's cells. A quote still open at the end of
 *   the file was never closed either: its record ends with the line the quote opens on, and the lines after it are
 *   read again as records.
 * JavaScript looks at each byte only for lines inside quotes; elsewhere it jumps from quote to quote and from line
 * break to line break with native searches.
 */
export class CsvSplitter {
  /** The table's number of cells (its header's), once known: how an unclosed quote is told from a cell on several lines. */
  width: number | undefined;
  ended = false;
  private data: Buffer = Buffer.alloc(0);
  /** Where the record being read starts, and where reading resumes. */
  private start = 0;
  private at = 0;
  private inQuotes = false;
  private quoteOpenedAt = 0;
  private quoteLine = 0;
  /** The line the record being read starts on, and the line breaks inside its quotes so far. */
  private line = 1;
  private breaks = 0;
  // The next quote, LF and CR at or after where each was last looked for: each byte is searched once.
  private nextQuote = -1;
  private nextLf = -1;
  private nextCr = -1;

  constructor(
    private readonly delimiter: number,
    private readonly maxRecordBytes: number,
    private readonly fileName: string,
  ) {}

  feed(chunk: Buffer): void {
    const rest = this.data.subarray(this.start);
    this.data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    this.at -= this.start;
    this.quoteOpenedAt -= this.start;
    this.start = 0;
    this.forget();
  }

  end(): void {
    this.ended = true;
  }

  /** The next record; undefined when more input is needed, or, once the input has ended, when none is left. */
  next(): SplitRecord | undefined {
    const d = this.data;
    const end = d.length;
    let i = this.at;
    for (;;) {
      const quote = this.find(QUOTE, i);
      const lineBreak = this.findBreak(i);
      if (!this.inQuotes) {
        if (quote < lineBreak) {
          if (quote === this.start || d[quote - 1] === this.delimiter) {
            this.inQuotes = true;
            this.quoteOpenedAt = quote;
            this.quoteLine = this.line + this.breaks;
          }
          i = quote + 1;
          continue;
        }
        if (lineBreak === end) break;
        const length = this.breakLength(lineBreak);
        if (length === 0) break;
        const record: SplitRecord = { row: this.line, bytes: d.subarray(this.start, lineBreak) };
        this.line += this.breaks + 1;
        this.breaks = 0;
        this.start = this.at = lineBreak + length;
        return record;
      }
      if (lineBreak < quote) {
        const length = this.breakLength(lineBreak);
        if (length === 0) break;
        if (this.width !== undefined && this.width > 1) {
          const lineStart = lineBreak + length;
          const lineEnd = this.findBreak(lineStart);
          if (lineEnd === end && !this.ended) break;
          if (isRowOfWidth(d, lineStart, lineEnd, this.delimiter, this.width)) return this.cutUnclosed(lineBreak, length, this.line + this.breaks);
        }
        this.breaks++;
        i = lineBreak + length;
        continue;
      }
      if (quote === end) break;
      // A quote at the end of what is read: another may follow ("").
      if (quote + 1 === end && !this.ended) break;
      if (d[quote + 1] === QUOTE) i = quote + 2;
      else {
        this.inQuotes = false;
        i = quote + 1;
      }
    }
    this.at = i;
    if (!this.ended) {
      if (end - this.start > this.maxRecordBytes) {
        const line = this.inQuotes ? this.quoteLine : this.line;
        throw new InputError(this.fileName, { code: 'record_too_long', params: { line, max: Math.round(this.maxRecordBytes / 1048576) } });
      }
      return undefined;
    }
    if (this.start >= end) return undefined;
    if (this.inQuotes) {
      // Never closed: the record ends with the line the quote opens on; the lines after it are read again.
      this.forget();
      const lineBreak = this.findBreak(this.quoteOpenedAt);
      if (lineBreak < end) return this.cutUnclosed(lineBreak, this.breakLength(lineBreak), this.quoteLine);
      const record: SplitRecord = { row: this.line, bytes: d.subarray(this.start, end), unclosedQuoteLine: this.quoteLine };
      this.start = this.at = end;
      return record;
    }
    const record: SplitRecord = { row: this.line, bytes: d.subarray(this.start, end) };
    this.start = this.at = end;
    return record;
  }

  /** The record read so far, up to `lineBreak` (on line `breakLine`), with its quote unclosed; reading resumes after. */
  private cutUnclosed(lineBreak: number, length: number, breakLine: number): SplitRecord {
    const record: SplitRecord = { row: this.line, bytes: this.data.subarray(this.start, lineBreak), unclosedQuoteLine: this.quoteLine };
    this.inQuotes = false;
    this.line = breakLine + 1;
    this.breaks = 0;
    this.start = this.at = lineBreak + length;
    this.forget();
    return record;
  }

  /** Bytes of the line break at `at`: 2 for CRLF, else 1; 0 for a CR at the end of what is read, as an LF may follow. */
  private breakLength(at: number): number {
    if (this.data[at] !== CR) return 1;
    if (at + 1 === this.data.length) return this.ended ? 1 : 0;
    return this.data[at + 1] === LF ? 2 : 1;
  }

  private findBreak(from: number): number {
    return Math.min(this.find(LF, from), this.find(CR, from));
  }

  private find(byte: number, from: number): number {
    const cached = byte === QUOTE ? this.nextQuote : byte === LF ? this.nextLf : this.nextCr;
    if (cached >= from) return cached;
    const found = this.data.indexOf(byte, from);
    const at = found === -1 ? this.data.length : found;
    if (byte === QUOTE) this.nextQuote = at;
    else if (byte === LF) this.nextLf = at;
    else this.nextCr = at;
    return at;
  }

  private forget(): void {
    this.nextQuote = this.nextLf = this.nextCr = -1;
  }
}

/**
 * Whether bytes `from`–`to` (one line) read on their own as a whole row of `width` cells: a quote that opens a cell
 * closes it before a delimiter or the line's end, and no cell not opened by one ends with one.
 */
function isRowOfWidth(d: Buffer, from: number, to: number, delimiter: number, width: number): boolean {
  let cells = 1;
  let i = from;
  while (i < to) {
    if (d[i] === QUOTE) {
      i++;
      for (;;) {
        const quote = d.indexOf(QUOTE, i);
        if (quote === -1 || quote >= to) return false;
        if (quote + 1 < to && d[quote + 1] === QUOTE) i = quote + 2;
        else {
          i = quote + 1;
          break;
        }
      }
      if (i < to && d[i] !== delimiter) return false;
    } else {
      const found = d.indexOf(delimiter, i);
      const stop = found === -1 || found > to ? to : found;
      // A quote inside the cell is a character (Lê Văn "Út" Cường), but not one that ends it: that is how the last
      // line of a cell written on several lines ends (…dòng cuối",x,y).
      if (i < stop && d[stop - 1] === QUOTE) return false;
      i = stop;
    }
    if (i < to) {
      cells++;
      i++;
      if (cells > width) return false;
    }
  }
  return cells === width;
}

/**
 * The cells of one record, as csv-parse reads them with relax_quotes: a quoted cell without its quotes ("" a quote); a
 * cell whose closing quote comes before its end is kept as written (a stray quote is a character of it).
 */
export function parseRecord(text: string, delimiter: string): string[] {
  const cells: string[] = [];
  const n = text.length;
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) {
          value += text.slice(from);
          i = n;
          break;
        }
        value += text.slice(from, quote);
        if (text.charCodeAt(quote + 1) === QUOTE) {
          value += '"';
          from = quote + 2;
          continue;
        }
        if (quote + 1 === n || text[quote + 1] === delimiter) {
          i = quote + 1;
          break;
        }
        const found = text.indexOf(delimiter, quote + 1);
        const stop = found === -1 ? n : found;
        value = `"${value}${text.slice(quote, stop)}`;
        i = stop;
        break;
      }
      cells.push(value);
    } else {
      const found = text.indexOf(delimiter, i);
      const stop = found === -1 ? n : found;
      cells.push(text.slice(i, stop));
      i = stop;
    }
    if (i >= n) return cells;
    i++; // the delimiter
    if (i === n) {
      cells.push('');
      return cells;
    }
  }
}

const NUL = 0x00;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Whether `chunk` holds a NUL byte, or a UTF-8 BOM from `bomFrom` on. Native searches. */
export function hasControls(chunk: Buffer, bomFrom = 0): boolean {
  return chunk.indexOf(NUL) !== -1 || chunk.indexOf(BOM, bomFrom) !== -1;
}

/**
 * The input without NUL bytes and byte-order marks: they are never text a person wrote (the padding of fixed-width
 * exports, files joined end to end with their BOMs), no viewer shows them, and kept in a cell they make a key that
 * looks like another but is not ("\uFEFFHN-001"). Taken out rather than quarantined: a reason would show a value the
 * user cannot see, and the rest of the cell is what was written. TRICKY: the other C0 controls are kept: TCVN3 writes
 * capital letters with bytes 0x01–0x17, and a TCVN3 text pasted into a UTF-8 sheet keeps them, for the kinds to repair.
 * A chunk without them (nearly all) passes as it is, after two native searches.
 */
export async function* withoutControls(input: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let held: Buffer = Buffer.alloc(0);
  for await (const piece of input) {
    const read = typeof piece === 'string' ? Buffer.from(piece) : piece;
    const chunk = held.length > 0 ? Buffer.concat([held, read]) : read;
    // A BOM cut between two chunks: its first bytes wait for the next.
    const tail = chunk.length >= 2 && chunk[chunk.length - 2] === 0xef && chunk[chunk.length - 1] === 0xbb ? 2 : chunk.at(-1) === 0xef ? 1 : 0;
    held = tail > 0 ? Buffer.from(chunk.subarray(chunk.length - tail)) : Buffer.alloc(0);
    const body = tail > 0 ? chunk.subarray(0, chunk.length - tail) : chunk;
    if (body.length > 0) yield hasControls(body) ? stripControls(body) : body;
  }
  if (held.length > 0) yield held;
}

function stripControls(chunk: Buffer): Buffer {
  const out = Buffer.allocUnsafe(chunk.length);
  let n = 0;
  for (let i = 0; i < chunk.length; i++) {
    const b = chunk[i] as number;
    if (b === 0xef && chunk[i + 1] === 0xbb && chunk[i + 2] === 0xbf) {
      i += 2;
      continue;
    }
    if (b !== NUL) out[n++] = b;
  }
  return out.subarray(0, n);
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

/** A line with no cell written: empty, spaces, or delimiters only (a spreadsheet's empty rows saved as ",,,,"). */
export function isBlank(record: Buffer, delimiterByte: number): boolean {
  for (const b of record) if (b !== CR && b !== 0x20 && b !== 0x09 && b !== delimiterByte) return false;
  return true;
}

/** What a scan of a CSV file on disk found: see recordsAreLines. */
export interface LinesScan {
  /** Each record is one line, as the engine reading the file from disk needs. */
  lines: boolean;
  /** Every byte was read and the file is UTF-8 throughout (false when the scan stopped early). */
  utf8: boolean;
}

/**
 * Whether each record of a UTF-8 CSV file is one line (no line break inside quotes: a cell written on several lines) of
 * at most `maxLineBytes`, its lines end with LF or CRLF, and it holds no NUL byte or BOM past its start (which
 * withoutControls strips on the other path). When so, the engine's record numbers give the lines users see, no record
 * is too long to take, and the engine reads the cells as the other path would. Native searches from line break to line
 * break, from CR to CR and from quote to quote: JavaScript does not look at each byte. The same pass tells whether every
 * byte is UTF-8 (a part saved in another encoding past the 64 KiB the encoding was told by), which the engine would
 * otherwise have to look for in every staged cell.
 */
export async function recordsAreLines(input: Readable, maxLineBytes: number): Promise<LinesScan> {
  const stopped = { lines: false, utf8: false };
  const utf8 = new Utf8ByLines();
  let inQuotes = false;
  let lineBytes = 0;
  let first = true;
  let crBefore = false;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    // A lone CR (a line end the engine's file() does not take): a CR not followed by LF, across chunks too.
    if (crBefore && chunk[0] !== LF) return stopped;
    for (let cr = chunk.indexOf(CR); cr !== -1; cr = chunk.indexOf(CR, cr + 1)) {
      if (cr + 1 < chunk.length && chunk[cr + 1] !== LF) return stopped;
    }
    crBefore = chunk.at(-1) === CR;
    // A BOM at the file's start is the engine's to skip; one further on, or a NUL, is stripped on the other path.
    if (hasControls(chunk, first ? 1 : 0)) return stopped;
    first = false;
    let from = 0;
    for (let lf = chunk.indexOf(LF); lf !== -1; lf = chunk.indexOf(LF, from)) {
      if (lineBytes + lf - from > maxLineBytes) return stopped;
      lineBytes = 0;
      from = lf + 1;
    }
    lineBytes += chunk.length - from;
    if (lineBytes > maxLineBytes) return stopped;
    utf8.push(chunk);
    let i = 0;
    for (;;) {
      const quote = chunk.indexOf(QUOTE, i);
      if (inQuotes) {
        const lf = chunk.indexOf(LF, i);
        if (lf !== -1 && (quote === -1 || lf < quote)) return stopped;
      }
      if (quote === -1) break;
      inQuotes = !inQuotes;
      i = quote + 1;
    }
  }
  return crBefore ? stopped : { lines: true, utf8: utf8.end() };
}

/**
 * Whether a stream of bytes is UTF-8, chunk by chunk: a character never spans a line break, so each chunk is checked up
 * to its last LF (Node's simdutf: gigabytes a second) and the rest is carried to the next.
 */
class Utf8ByLines {
  private carry: Buffer = Buffer.alloc(0);
  private valid = true;

  push(chunk: Buffer): void {
    if (!this.valid) return;
    const first = chunk.indexOf(LF);
    if (first === -1) {
      this.carry = Buffer.concat([this.carry, chunk]);
      return;
    }
    const last = chunk.lastIndexOf(LF);
    this.valid = isUtf8(this.carry.length > 0 ? Buffer.concat([this.carry, chunk.subarray(0, first + 1)]) : chunk.subarray(0, first + 1)) && isUtf8(chunk.subarray(first + 1, last + 1));
    this.carry = Buffer.from(chunk.subarray(last + 1));
  }

  end(): boolean {
    return this.valid && isUtf8(this.carry);
  }
}
