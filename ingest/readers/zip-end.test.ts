import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { once } from 'node:events';
import type { Duplex, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { holdZipEndUntilRead } from './zip-end.js';

const fromExceljs = createRequire(createRequire(import.meta.url).resolve('exceljs'));
const unzipper = fromExceljs('unzipper') as { Parse: (opts: object) => Duplex };
const iterateStream = fromExceljs('./lib/utils/iterate-stream.js') as (stream: Readable) => AsyncIterable<Readable & { path: string; autodrain(): void }>;

describe("the zip reader under exceljs's streaming workbook reader", () => {
  it('gives every entry to a reader that is still reading one when the zip has been written whole', async () => {
    holdZipEndUntilRead();
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Danh sách').addRows([['Mã cán bộ', 'Họ và tên'], ['VM-001', 'Nguyễn Văn An']]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'front-pulse-zip-')), 'can-bo.xlsx');
    fs.writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
    const zip = unzipper.Parse({ forceStream: true });
    fs.createReadStream(file).pipe(zip);
    const finished = once(zip, 'finish');
    const paths: string[] = [];
    // As exceljs reads a worksheet that comes before the shared strings: slowly, here until the whole zip is written.
    for await (const entry of iterateStream(zip)) {
      paths.push(entry.path);
      if (paths.length === 1) await finished;
      entry.autodrain();
    }
    expect(paths).toEqual(expect.arrayContaining(['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/workbook.xml']));
  });
});
