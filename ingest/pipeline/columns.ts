/**
 * Columns: find the header row of a table (even below a title block) and map its columns to a kind's fields,
 * accepting Vietnamese and English names written in any case, with or without diacritics.
 */
import { matchKey } from '../../analytics/nlp/text.js';
import { InputError, type RawRow } from '../readers/index.js';

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
}

/** How many rows from the top may hold a title block before the header. */
export const HEADER_SEARCH_ROWS = 30;

function headerIndex(cells: string[], specs: readonly ColumnSpec[]): Map<string, number> {
  const keyOf = new Map<string, string>();
  for (const spec of specs) for (const name of [spec.key, ...spec.aliases]) keyOf.set(matchKey(name), spec.key);
  const index = new Map<string, number>();
  cells.forEach((cell, i) => {
    const key = keyOf.get(matchKey(cell));
    if (key !== undefined && !index.has(key)) index.set(key, i);
  });
  return index;
}

/** Whether a row names every required column of a kind: how a file's kind is told from its header. */
export function isHeaderOf(cells: string[], specs: readonly ColumnSpec[]): boolean {
  const index = headerIndex(cells, specs);
  return specs.every((s) => !s.required || index.has(s.key));
}

function describeColumns(specs: readonly ColumnSpec[]): string {
  return specs
    .filter((s) => s.required)
    .map((s) => (s.aliases[0] ? `${s.key} (or ${s.aliases[0]})` : s.key))
    .join(', ');
}

/**
 * Yields the data rows after the header, each with its values by field key.
 * The header is the first row, among the first HEADER_SEARCH_ROWS, that names every required column.
 */
export async function* mapColumns(
  rows: AsyncIterable<RawRow>,
  specs: readonly ColumnSpec[],
  fileName: string,
): AsyncIterable<MappedRow> {
  let index: Map<string, number> | undefined;
  let best: { row: number; found: number; missing: string[] } | undefined;
  let scanned = 0;
  for await (const raw of rows) {
    if (!index) {
      scanned++;
      const candidate = headerIndex(raw.cells, specs);
      const missing = specs.filter((s) => s.required && !candidate.has(s.key)).map((s) => s.key);
      if (missing.length === 0) {
        index = candidate;
        continue;
      }
      if (candidate.size > 0 && (!best || candidate.size > best.found)) best = { row: raw.row, found: candidate.size, missing };
      if (scanned >= HEADER_SEARCH_ROWS) break;
      continue;
    }
    const values: Record<string, string> = {};
    for (const [key, i] of index) values[key] = raw.cells[i] ?? '';
    yield { row: raw.row, values, cells: raw.cells };
  }
  if (!index) {
    throw new InputError(
      fileName,
      best
        ? `the header on row ${best.row} lacks the column(s) ${best.missing.join(', ')}; expected: ${describeColumns(specs)}`
        : `no header row with the columns ${describeColumns(specs)} in the first ${HEADER_SEARCH_ROWS} rows`,
    );
  }
}
