/**
 * Columns: find the header row of a table (even below a title block) and map its columns to a kind's fields,
 * accepting Vietnamese and English names written in any case, with or without diacritics.
 */
import { matchKey } from '../../analytics/nlp/text.js';
import { InputError, withoutControlChars, type RawRows } from '../readers/index.js';
import type { Fault, FaultDetail } from '../faults.js';

export interface ColumnSpec {
  /** The field's name in code and in the English header. */
  key: string;
  /** Other accepted headers, Vietnamese first ("mã xã", "ma_xa"). */
  aliases: readonly string[];
  required: boolean;
}

export interface MappedRow {
  row: number;
  values: Record<string, string>;
  cells: string[];
  /**
   * A row that cannot be taken as its columns, quarantined with this reason and what it holds: a JSON line that is not
   * an object (its text), a JSON line with a field given as an object or array (its fields, that one as JSON text),
   * or a CSV row with cells written past the header's last column (its fields, and those cells as EXTRA_CELLS; see
   * overflowFault).
   */
  unreadable?: { fault: Fault; raw: string | Record<string, string> };
  /**
   * A CSV row ending before a column a field takes: its cells, and the header's. Either its last cells were left out,
   * or a cell was, and every cell after it moved left (a petitioner's phone under the name, the name under the text).
   */
  short?: { cells: number; columns: number };
}

/** The name the cells past a CSV header's last column are kept under, in quarantine and in the correction file. */
export const EXTRA_CELLS = 'extra_cells';

/**
 * Why a CSV row with cells past the header is quarantined rather than read: a delimiter inside a cell that is not
 * quoted (a comma in a name) splits the cell, and every cell after it lands in the next column.
 */
export function overflowFault(headerCells: number): FaultDetail {
  return { code: 'cells_past_header', params: { columns: headerCells } };
}

/** The column a quarantine export adds: the row number a row had in the run that quarantined it. */
export const RESUBMIT_COLUMN: ColumnSpec = { key: 'quarantine_row', aliases: ['dòng gốc'], required: false };

/** How many rows from the top may hold a title block before the header. */
export const HEADER_SEARCH_ROWS = 30;

/** How many distinct JSON field names are remembered with their field. */
const MAX_CACHED_NAMES = 1_000;

/** A column name's field, and how closely the name says it: 0 for the field's own key, then its aliases in order. */
interface FieldName {
  key: string;
  rank: number;
}

/** Every accepted column name, as a match key, to its field. */
function fieldNames(specs: readonly ColumnSpec[]): Map<string, FieldName> {
  const names = new Map<string, FieldName>();
  for (const spec of specs) [spec.key, ...spec.aliases].forEach((name, rank) => names.set(matchKey(name), { key: spec.key, rank }));
  return names;
}

/**
 * Each field's column. When two columns name one field, the closer name takes it, whatever their order: a roster's
 * "Đơn vị" (the unit's name) before its "Mã đơn vị" (the code), a report's "Mã tỉnh" before its "Mã xã". The other is a
 * column no field takes. Between two equal names, the first.
 */
function headerIndex(cells: string[], specs: readonly ColumnSpec[]): Map<string, number> {
  const names = fieldNames(specs);
  const chosen = new Map<string, { column: number; rank: number }>();
  cells.forEach((cell, column) => {
    const field = names.get(matchKey(cell));
    if (field === undefined) return;
    const taken = chosen.get(field.key);
    if (taken === undefined || field.rank < taken.rank) chosen.set(field.key, { column, rank: field.rank });
  });
  return new Map([...chosen].map(([key, { column }]) => [key, column]));
}

/** Whether a row names every required column of a kind: how a file's kind is told from its header. */
export function isHeaderOf(cells: string[], specs: readonly ColumnSpec[]): boolean {
  const index = headerIndex(cells, specs);
  return specs.every((s) => !s.required || index.has(s.key));
}

/** For each cell of a header row, the field it fills, or undefined for a column no field takes. */
export function fieldsOfHeader(cells: string[], specs: readonly ColumnSpec[]): (string | undefined)[] {
  const index = headerIndex(cells, specs);
  const byPosition = new Map([...index].map(([key, i]) => [i, key]));
  return cells.map((_, i) => byPosition.get(i));
}

/**
 * The search for a table's header among its first HEADER_SEARCH_ROWS rows, and the refusal when none names every
 * required column: the row that came closest and what it lacks, or the columns looked for.
 */
export class HeaderSearch {
  private best: { row: number; found: number; missing: ColumnSpec[] } | undefined;
  private looked = 0;

  constructor(
    private readonly specs: readonly ColumnSpec[],
    private readonly fileName: string,
  ) {}

  /** The header's field positions when `cells` is the header; undefined otherwise, the closest miss kept. */
  consider(row: number, cells: string[]): Map<string, number> | undefined {
    this.looked++;
    const candidate = headerIndex(cells, this.specs);
    const missing = this.specs.filter((s) => s.required && !candidate.has(s.key));
    if (missing.length === 0) return candidate;
    if (candidate.size > 0 && (!this.best || candidate.size > this.best.found)) this.best = { row, found: candidate.size, missing };
    return undefined;
  }

  /** Whether as many rows as a title block may take have been looked at. */
  get done(): boolean {
    return this.looked >= HEADER_SEARCH_ROWS;
  }

  /** No header found: a workbook's refusal names its sheet, as another one may hold the table. */
  refusal(sheet?: string): InputError {
    const columns = describeColumns(this.specs);
    return new InputError(
      this.fileName,
      this.best
        ? { code: 'header_lacks', params: { row: this.best.row, missing: this.best.missing.map(columnName).join(', '), columns } }
        : sheet === undefined
          ? { code: 'no_header', params: { columns, rows: HEADER_SEARCH_ROWS } }
          : { code: 'no_header_in_sheet', params: { columns, rows: HEADER_SEARCH_ROWS, sheet } },
    );
  }
}

/** The name files most often give a column, and its field: read alike in either language ("mã cán bộ (officer_id)"). */
function columnName(spec: ColumnSpec): string {
  return spec.aliases[0] ? `${spec.aliases[0]} (${spec.key})` : spec.key;
}

function describeColumns(specs: readonly ColumnSpec[]): string {
  return specs
    .filter((s) => s.required)
    .map(columnName)
    .join(', ');
}

/**
 * Yields the data rows after the header, each with its values by field key.
 * The header is the first row, among the first HEADER_SEARCH_ROWS, that names every required column.
 */
export async function* mapColumns(
  rows: RawRows,
  specs: readonly ColumnSpec[],
  fileName: string,
): AsyncIterable<MappedRow> {
  let index: Map<string, number> | undefined;
  let headerCells = 0;
  /** The last cell a field takes, counted from 1. */
  let mappedCells = 0;
  const search = new HeaderSearch(specs, fileName);
  const names = fieldNames(specs);
  // JSON Lines name their fields on every line, almost always the same few names: each name is matched once.
  const fieldOfName = new Map<string, FieldName | null>();
  const fieldOf = (name: string): FieldName | undefined => {
    let field = fieldOfName.get(name);
    if (field === undefined) {
      field = names.get(matchKey(name)) ?? null;
      // TRICKY: bounded, as a file may name a new field on every line.
      if (fieldOfName.size < MAX_CACHED_NAMES) fieldOfName.set(name, field);
    }
    return field ?? undefined;
  };
  /** The rank of the name each field of the current JSON line was taken from: a closer name takes the field over. */
  const rankOfField = new Map<string, number>();
  let sawRecord = false;
  let sheet: string | undefined;
  for await (const raw of rows) {
    sheet = raw.sheet;
    if (raw.unreadable) {
      yield { row: raw.row, values: {}, cells: [], unreadable: { fault: { field: 'row', ...raw.unreadable.fault }, raw: raw.unreadable.text } };
      continue;
    }
    if (raw.record) {
      // JSON Lines: fields are named on every line; the names map like a header's.
      sawRecord = true;
      const values: Record<string, string> = {};
      const nested = new Set<string>();
      rankOfField.clear();
      for (const [name, value] of Object.entries(raw.record)) {
        const field = fieldOf(name);
        if (field === undefined) continue;
        const { key, rank } = field;
        // As in a header: of two names for one field ("mã tỉnh", "mã xã"), the closer one's value.
        if (key in values && rank >= (rankOfField.get(key) ?? 0)) continue;
        rankOfField.set(key, rank);
        if (value !== null && typeof value === 'object') nested.add(key);
        else nested.delete(key);
        values[key] = value === null || value === undefined ? '' : withoutControlChars(typeof value === 'object' ? JSON.stringify(value) : String(value));
      }
      // A field given as an object or an array ({"họ tên": {"ho": …, "ten": …}}) is not a value the kind can take, and
      // its JSON text stored as one would be stored wrong: the row is read wrong, kept with the JSON texts.
      const [first] = nested;
      if (first !== undefined) yield { row: raw.row, values, cells: [], unreadable: { fault: { field: first, code: 'not_json_value' }, raw: values } };
      else yield { row: raw.row, values, cells: [] };
      continue;
    }
    if (!index) {
      index = search.consider(raw.row, raw.cells);
      if (index) {
        headerCells = raw.cells.length;
        mappedCells = Math.max(...index.values()) + 1;
        rows.tableWidth?.(headerCells);
      }
      else if (search.done) break;
      continue;
    }
    const values: Record<string, string> = {};
    for (const [key, i] of index) values[key] = raw.cells[i] ?? '';
    // TRICKY: CSV only. A workbook's cells cannot shift: a note in a column with no header is an unnamed column, as
    // one whose header no field takes.
    if (raw.sheet === undefined && raw.cells.length > headerCells) {
      let last = raw.cells.length - 1;
      while (last >= headerCells && (raw.cells[last] as string).trim() === '') last--;
      if (last >= headerCells) {
        const extra = raw.cells.slice(headerCells, last + 1).join(' | ');
        yield { row: raw.row, values, cells: raw.cells, unreadable: { fault: { field: 'row', ...overflowFault(headerCells) }, raw: { ...values, [EXTRA_CELLS]: extra } } };
        continue;
      }
    }
    const short = raw.sheet === undefined && raw.cells.length < mappedCells ? { cells: raw.cells.length, columns: headerCells } : undefined;
    yield short ? { row: raw.row, values, cells: raw.cells, short } : { row: raw.row, values, cells: raw.cells };
  }
  if (!index && !sawRecord) throw search.refusal(sheet);
}
