/**
 * Writes the samples as provinces also send them: in the legacy Vietnamese encodings (TCVN3, VNI), Windows-1258 and
 * UTF-16, and as Excel workbooks with a title block over the header. The tests load each variant and expect exactly
 * what the UTF-8 sample gives. Run again after changing a sample: npx tsx ingest/samples/make-variants.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { encodeLegacy, type LegacyEncoding } from '../../analytics/nlp/legacy-encodings.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const out = path.join(here, 'variants');
const sample = (name: string) => fs.readFileSync(path.join(here, name), 'utf8').replace(/^\uFEFF/, '');

function utf16(text: string, order: 'le' | 'be'): Buffer {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return order === 'le' ? le : Buffer.from(le.map((_, i) => le[i % 2 === 0 ? i + 1 : i - 1] as number));
}

const legacy = (text: string, encoding: LegacyEncoding) => Buffer.from(encodeLegacy(text, encoding));

const files: [string, Buffer][] = [
  ['officers.tcvn3.csv', legacy(sample('officers.csv'), 'tcvn3')],
  ['units.vni.csv', legacy(sample('units.csv'), 'vni')],
  ['weekly_reports.windows-1258.csv', legacy(sample('weekly_reports.csv'), 'windows-1258')],
  ['opinion_posts.utf-16le.csv', utf16(sample('opinion_posts.csv'), 'le')],
  ['petition_events.utf-16be.tsv', utf16(sample('petition_events.tsv'), 'be')],
];
fs.mkdirSync(out, { recursive: true });
for (const [name, bytes] of files) fs.writeFileSync(path.join(out, name), bytes);

/** A workbook as offices make them: a merged title, a blank row, then the table; the data on a named second sheet. */
async function workbook(name: string, title: string, rows: string[][], sheet?: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  if (sheet) wb.addWorksheet('Hướng dẫn').addRow(['Điền dữ liệu ở trang tiếp theo']);
  const ws = wb.addWorksheet(sheet ?? 'Sheet1');
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, rows[0]?.length ?? 1);
  ws.addRow([]);
  for (const row of rows) ws.addRow(row.map((cell) => (/^\d+$/.test(cell) && !/^0/.test(cell) && cell.length < 6 ? Number(cell) : cell)));
  await wb.xlsx.writeFile(path.join(out, name));
}

const csvRows = (name: string, delimiter = ',') => parse(sample(name), { delimiter, relax_column_count: true }) as string[][];
await workbook('officers.xlsx', 'DANH SÁCH CÁN BỘ MẶT TRẬN', csvRows('officers.csv'));
await workbook('units.xlsx', 'DANH SÁCH THÔN, TỔ DÂN PHỐ', csvRows('units.csv'), 'Danh sách thôn');
await workbook('petition_events.xlsx', 'TIẾN ĐỘ XỬ LÝ ĐƠN THƯ', csvRows('petition_events.tsv', '\t'));
await workbook('opinion_posts.xlsx', 'TỔNG HỢP DƯ LUẬN', csvRows('opinion_posts.csv', ';'));
const petitions = sample('petitions.jsonl').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
const columns = [...new Set(petitions.flatMap((p) => Object.keys(p)))];
await workbook('petitions.xlsx', 'SỔ TIẾP NHẬN ĐƠN THƯ', [columns, ...petitions.map((p) => columns.map((c) => p[c] ?? ''))]);
const weekly = csvRows('weekly_reports.csv', ';').filter((r) => r.some((c) => c !== '')).slice(2);
await workbook('weekly_reports.xlsx', 'BÁO CÁO TUẦN', weekly);
console.log(`samples written to ${path.relative(process.cwd(), out)}`);
