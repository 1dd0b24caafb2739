/**
 * Real input files for tests: CSV text written to disk, and XLSX workbooks written with exceljs,
 * so the readers meet the same bytes a user's file would give them.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { tempDir } from './store.js';

export function writeFile(name: string, content: string | Buffer): string {
  const file = path.join(tempDir('front-pulse-files-'), name);
  fs.writeFileSync(file, content);
  return file;
}

export interface SheetSpec {
  name?: string;
  /** Rows above the header, e.g. a title merged across the columns. */
  title?: string;
  rows: (string | number | Date | null)[][];
}

export async function writeXlsx(name: string, sheets: SheetSpec[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const [i, sheet] of sheets.entries()) {
    const ws = workbook.addWorksheet(sheet.name ?? `Sheet${i + 1}`);
    if (sheet.title) {
      ws.addRow([sheet.title]);
      ws.mergeCells(1, 1, 1, Math.max(1, sheet.rows[0]?.length ?? 1));
      ws.addRow([]);
    }
    for (const row of sheet.rows) ws.addRow(row);
  }
  const file = path.join(tempDir('front-pulse-files-'), name);
  await workbook.xlsx.writeFile(file);
  return file;
}

/** The shared official list as rows of cells (header first). */
export function readCsvRows(file: string): string[][] {
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(','));
}
