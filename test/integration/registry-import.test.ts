/**
 * The official registry loaded from the real list of 34 provinces and 3,321 communes, into the real embedded engine.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOfficialUnits } from '../../ingest/kinds/official-units.js';
import { fileSource, InputError } from '../../ingest/readers/index.js';
import { unitsInForce } from '../../analytics/queries/registry.js';
import { BUNDLED_UNITS_FILE } from '../../ingest/kinds/registry.js';
import { openTestStore, SHARED_UNITS_FILE, type TestStore } from '../support/store.js';
import { readCsvRows, writeFile, writeXlsx } from '../support/files.js';

let t: TestStore;
beforeAll(async () => {
  t = await openTestStore();
});
afterAll(async () => t.close());

const counts = async (asOf = '2025-09-16') => {
  const units = await unitsInForce(t.store, { as_of: asOf, levels: ['central', 'province', 'commune'], province_code: '' });
  return {
    central: units.filter((u) => u.level === 'central').length,
    provinces: units.filter((u) => u.level === 'province').length,
    communes: units.filter((u) => u.level === 'commune').length,
  };
};

describe('units:import of the official list', () => {
  it('loads 34 provinces and 3,321 communes from the real file', async () => {
    const summary = await importOfficialUnits(t.store, fileSource(SHARED_UNITS_FILE), { wayIn: 'cli' });
    expect(summary).toMatchObject({ read: 3321, stored: 3321, duplicates: 0, quarantined: 0, errors: [] });
    expect(summary.registry).toEqual({
      effective: '2025-07-01',
      provinces: { added: 34, changed: 0, closed: 0 },
      communes: { added: 3321, changed: 0, closed: 0, unchanged: 0 },
    });
    expect(await counts()).toEqual({ central: 1, provinces: 34, communes: 3321 });
  });

  it('keeps names as the list writes them, in NFC, with parents and types', async () => {
    const units = await unitsInForce(t.store, { as_of: '2025-09-16', levels: ['province', 'commune'], province_code: '01' });
    const ward = units.find((u) => u.name === 'Phường Văn Miếu - Quốc Tử Giám');
    expect(ward).toMatchObject({ level: 'commune', unit_type: 'phường', parent_code: '01', province_code: '01' });
    expect(units.find((u) => u.code === '01')?.name).toBe('Thành phố Hà Nội');
    const all = await unitsInForce(t.store, { as_of: '2025-09-16', levels: ['commune'], province_code: '' });
    expect(all.filter((u) => u.unit_type === 'đặc khu')).toHaveLength(13);
    expect(all.every((u) => u.name === u.name.normalize('NFC'))).toBe(true);
    expect(all.find((u) => u.name === "Xã Ea H'Leo")).toBeDefined();
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await t.store.query<{ n: number }>('SELECT count() AS n FROM units');
    const summary = await importOfficialUnits(t.store, fileSource(SHARED_UNITS_FILE), { wayIn: 'cli' });
    expect(summary).toMatchObject({ read: 3321, stored: 0, duplicates: 3321, quarantined: 0 });
    expect(summary.registry.communes).toEqual({ added: 0, changed: 0, closed: 0, unchanged: 3321 });
    expect(await t.store.query<{ n: number }>('SELECT count() AS n FROM units')).toEqual(before);
  });

  it('reads the same list from an .xlsx sheet, codes typed as numbers included, below a title block', async () => {
    const rows = readCsvRows(SHARED_UNITS_FILE);
    const asNumbers = rows.map((r, i) => (i === 0 ? r : [Number(r[0]), r[1] ?? '', Number(r[2]), r[3] ?? '', r[4] ?? '']));
    const file = await writeXlsx('danh-sach.xlsx', [
      { name: 'Ghi chú', rows: [['Danh sách đơn vị hành chính']] },
      { name: 'Đơn vị', title: 'DANH SÁCH ĐƠN VỊ HÀNH CHÍNH CẤP TỈNH, CẤP XÃ NĂM 2025', rows: asNumbers },
    ]);
    const summary = await importOfficialUnits(t.store, fileSource(file), { wayIn: 'cli', sheet: 'Đơn vị' });
    expect(summary).toMatchObject({ read: 3321, stored: 0, duplicates: 3321, quarantined: 0 });
  });

  it('names the sheets there are when the asked-for sheet is missing', async () => {
    const file = await writeXlsx('x.xlsx', [{ name: 'Tỉnh', rows: [['a']] }]);
    await expect(importOfficialUnits(t.store, fileSource(file), { wayIn: 'cli', sheet: 'Xã' })).rejects.toThrow(/no sheet named "Xã" \(sheets: Tỉnh\)/);
  });

  it('quarantines bad rows with their row, field and reason, and stores nothing else from them', async () => {
    const csv = [
      'province_code,province_name,commune_code,commune_name,commune_type',
      '01,Thành phố Hà Nội,00004,Phường Ba Đình,phường', // row 2: unchanged
      'AB,Thành phố Hà Nội,00008,Phường Ngọc Hà,phường', // row 3: bad province code
      '01,Thành phố Hà Nội,123456,Phường Giảng Võ,phường', // row 4: commune code too long
      '01,Thành phố Hà Nội,00025,Phường Giảng Võ,thôn', // row 5: not a commune type
      '01,Hà Nội,00070,Phường Hoàn Kiếm,phường', // row 6: province name without its type
      '01,Thành phố Hà Nội,00004,Phường Ba Đình,phường', // row 7: the same row twice
      '01,Thành phố Hà Nội,00004,Phường Ba Đình Mới,phường', // row 8: the same code, another name
    ].join('\n');
    const summary = await importOfficialUnits(t.store, fileSource(writeFile('bad.csv', csv)), { wayIn: 'cli', partial: true });
    expect(summary).toMatchObject({ read: 7, stored: 0, duplicates: 2, quarantined: 5 });
    expect(summary.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'province_code'],
      [4, 'commune_code'],
      [5, 'commune_type'],
      [6, 'province_name'],
      [8, 'commune_code'],
    ]);
    expect(summary.errors[0]?.message).toContain('"AB"');
    const kept = await t.store.query<{ row_number: number; field: string; reason: string; raw: string }>(
      'SELECT row_number, field, reason, raw FROM ingest_quarantine WHERE run_id = {run:String} ORDER BY row_number',
      { run: summary.runId },
    );
    expect(kept.map((k) => k.row_number)).toEqual([3, 4, 5, 6, 8]);
    expect(JSON.parse(kept[0]?.raw ?? '{}')).toMatchObject({ province_code: 'AB', commune_name: 'Phường Ngọc Hà' });
    expect(await counts()).toEqual({ central: 1, provinces: 34, communes: 3321 });
  });

  it('refuses a changed list without the day it takes effect, then keeps history when given one', async () => {
    const rows = readCsvRows(SHARED_UNITS_FILE);
    const renamed = rows.map((r) => (r[2] === '00004' ? [r[0], r[1], r[2], 'Phường Ba Đình Mới', r[4]] : r));
    const file = writeFile('renamed.csv', renamed.map((r) => r.join(',')).join('\n'));
    await expect(importOfficialUnits(t.store, fileSource(file), { wayIn: 'cli' })).rejects.toThrow(InputError);
    await expect(importOfficialUnits(t.store, fileSource(file), { wayIn: 'cli' })).rejects.toThrow(/--effective/);

    const summary = await importOfficialUnits(t.store, fileSource(file), { wayIn: 'cli', effective: '2026-01-01' });
    expect(summary).toMatchObject({ read: 3321, stored: 1, duplicates: 3320 });
    const before = await unitsInForce(t.store, { as_of: '2025-12-31', levels: ['commune'], province_code: '01' });
    const after = await unitsInForce(t.store, { as_of: '2026-01-01', levels: ['commune'], province_code: '01' });
    expect(before.find((u) => u.code === '00004')?.name).toBe('Phường Ba Đình');
    expect(after.find((u) => u.code === '00004')?.name).toBe('Phường Ba Đình Mới');
  });

  it('refuses a complete list that would close most communes: a truncated file, not a reform', async () => {
    const rows = readCsvRows(SHARED_UNITS_FILE).slice(0, 200);
    const file = writeFile('truncated.csv', rows.map((r) => r.join(',')).join('\n'));
    await expect(importOfficialUnits(t.store, fileSource(file), { wayIn: 'cli', effective: '2026-02-01' })).rejects.toThrow(/--partial/);
  });

  it('answers a file without the expected header with the columns it needs', async () => {
    const file = writeFile('wrong.csv', 'ma,ten\n01,Hà Nội\n');
    await expect(importOfficialUnits(t.store, fileSource(file), { wayIn: 'cli' })).rejects.toThrow(/province_code/);
  });
});

describe('the list bundled with the repository', () => {
  it('is the shared official list, byte for byte', () => {
    expect(fs.readFileSync(BUNDLED_UNITS_FILE)).toEqual(fs.readFileSync(SHARED_UNITS_FILE));
  });
});

describe('units:import of the table of former units', () => {
  it('loads the bundled table once, tells it from the official list by its header, and changes nothing the second time', async () => {
    const { importRegistryFile, BUNDLED_SUCCESSIONS_FILE } = await import('../../ingest/kinds/registry.js');
    const first = await importRegistryFile(t.store, fileSource(BUNDLED_SUCCESSIONS_FILE), { wayIn: 'cli' });
    expect(first).toMatchObject({ kind: 'unit_successions', read: 10565, stored: 10565, quarantined: 0 });
    const again = await importRegistryFile(t.store, fileSource(BUNDLED_SUCCESSIONS_FILE), { wayIn: 'cli' });
    expect(again).toMatchObject({ read: 10565, stored: 0, duplicates: 10565 });
    const [row] = await t.store.query<{ to_code: string; from_district: string }>(
      "SELECT to_code, from_district FROM unit_successions FINAL WHERE from_name = 'Phường Hàng Bạc'",
    );
    expect(row).toEqual({ to_code: '00070', from_district: 'Quận Hoàn Kiếm' });
  });

  it('quarantines a row whose new unit is not in force', async () => {
    const { importRegistryFile } = await import('../../ingest/kinds/registry.js');
    const csv = 'from_code,from_name,to_code,kind\n00061,Phường Hàng Bạc,00070,merge\n12345,Xã Không Có,99999,merge\n';
    const summary = await importRegistryFile(t.store, fileSource(writeFile('former.csv', csv)), { wayIn: 'cli' });
    expect(summary).toMatchObject({ read: 2, duplicates: 1, quarantined: 1, errors: [{ row: 3, field: 'to_code' }] });
  });
});
