/**
 * The blank workbook a unit fills for a kind: one sheet whose first row is the header of the kind's sample (its
 * Vietnamese column names, as offices write them), the columns a file must have in red with a note, and no rows, so
 * that nothing of the sample is ever loaded by mistake. Read back by the same readers as any workbook (tested).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { columnTitle, kindNames, KINDS } from '../kinds/index.js';
import type { IngestKind } from '../kinds/spec.js';
import { fieldsOfHeader, isHeaderOf } from '../pipeline/columns.js';
import { fileSource, readRows } from '../readers/index.js';

const SAMPLES = import.meta.dirname;
/** Excel's longest sheet name. */
const MAX_SHEET_NAME = 31;

/** The kind's sample file (ingest/samples/KIND.csv, .tsv or .jsonl). */
function sampleOf(kind: IngestKind): string {
  const file = fs.readdirSync(SAMPLES).find((f) => path.parse(f).name === kind && /\.(csv|tsv|jsonl)$/.test(f));
  if (!file) throw new Error(`no sample file for ${kind} in ${SAMPLES}`);
  return path.join(SAMPLES, file);
}

/** The header of the kind's sample: the keys of its first JSON record, or its first row that is the kind's header. */
export async function sampleHeader(kind: IngestKind): Promise<string[]> {
  const columns = KINDS[kind].columns;
  for await (const row of readRows(fileSource(sampleOf(kind)))) {
    if (row.record) return Object.keys(row.record).map(columnTitle);
    const cells = row.cells.map((c) => c.trim());
    if (!isHeaderOf(cells, columns)) continue;
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    return cells;
  }
  throw new Error(`the sample of ${kind} has no header row`);
}

export async function templateWorkbook(kind: IngestKind): Promise<Buffer> {
  const spec = KINDS[kind];
  const header = await sampleHeader(kind);
  const fields = fieldsOfHeader(header, spec.columns);
  const required = new Set(spec.columns.filter((c) => c.required).map((c) => c.key));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Front Pulse';
  const sheet = workbook.addWorksheet(kindNames(kind).vi.slice(0, MAX_SHEET_NAME), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header);
  header.forEach((name, i) => {
    const cell = sheet.getRow(1).getCell(i + 1);
    const field = fields[i];
    const must = field !== undefined && required.has(field);
    cell.font = { bold: true, color: must ? { argb: 'FFB91C1C' } : undefined };
    if (must) cell.note = 'Bắt buộc / required';
    sheet.getColumn(i + 1).width = Math.max(12, Math.min(40, name.length + 4));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
