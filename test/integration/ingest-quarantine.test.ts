/**
 * Nothing lost, nothing twice: bad rows are quarantined with their row, field and reason while the good ones load;
 * the same file twice, or an overlapping one, stores each record once; quarantined rows are listed, exported as a
 * correction file, corrected and re-submitted, and their quarantine is resolved. Oversized input is refused or
 * quarantined with a clear message.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correctionFile, findRun, quarantinedRows } from '../../ingest/pipeline/quarantine.js';
import type { QuarantinedRow } from '../../ingest/pipeline/run.js';
import type { IngestKind } from '../../ingest/kinds/spec.js';
import type { IngestSummary } from '../../ingest/pipeline/run.js';
import { loadSealer } from '../../analytics/privacy/seal.js';
import { ingestFile } from '../../ingest/pipeline/ingest.js';
import { GATHER_ROWS } from '../../ingest/pipeline/gathered-writes.js';
import { JS_BATCH } from '../../ingest/pipeline/js-engine.js';
import { bufferSource, fileSource } from '../../ingest/readers/index.js';
import { recordsAreLines } from '../../ingest/readers/csv-records.js';
import { openIngestStore } from '../support/store.js';
import { encodeLegacy } from '../../analytics/nlp/legacy-encodings.js';
import { writeFile, writeXlsx } from '../support/files.js';

let t: Awaited<ReturnType<typeof openIngestStore>>;
const load = (kind: IngestKind, file: string, resubmitOf?: string) => t.load(kind, file, { resubmitOf });
const rowsOf = async (runId: string, withKey = false): Promise<QuarantinedRow[]> => {
  const rows: QuarantinedRow[] = [];
  for await (const r of quarantinedRows(t.store, runId, withKey ? loadSealer(t.config) : undefined)) rows.push(r);
  return rows;
};
const count = async (sql: string) => Number((await t.store.query<{ n: string }>(sql))[0]?.n);
const balanced = (s: IngestSummary) => expect(s.read).toBe(s.stored + s.duplicates + s.quarantined);

beforeAll(async () => {
  t = await openIngestStore();
});
afterAll(async () => t.close());

const ROSTER_HEADER = 'Mã cán bộ,Mã đơn vị,Họ và tên,Giới tính,Năm sinh,Tổ chức,Chức vụ,Điện thoại,Trạng thái,Ngày cập nhật';
const roster = (rows: string[]) => writeFile('roster.csv', [ROSTER_HEADER, ...rows].join('\n'));

describe('a roster with bad rows (checked in the engine)', () => {
  let runId = '';
  let correctionRun = '';

  it('stores the good rows and quarantines each bad one with its row, field and reason', async () => {
    const summary = await load(
      'officers',
      roster([
        'VM-001,00226,Nguyễn Văn An,Nam,1975,MTTQ,Chủ tịch,0912000001,Đang công tác,16/09/2025',
        'VM-002,99999,Trần Thị Bích,Nữ,1980,MTTQ,Ủy viên,,Đang công tác,16/09/2025',
        'VM-003,00226,Lê Văn Cường,Nam,1850,Hội Nông dân,Chủ tịch,,Đang công tác,16/09/2025',
        'VM-004,00226,Phạm Thị Dung,Nữ,1990,Đoàn Thanh niên,Bí thư,,Đang công tác,31/02/2025',
        'VM-005,00226,Hoàng Văn Em,không rõ,1988,Hội Cựu chiến binh,Chủ tịch,,Đang công tác,16/09/2025',
        'VM-006,00226,Đỗ Thị Phương,Nữ,1979,Công đoàn,Phó Chủ tịch,0987000006,Đang công tác,16/09/2025',
      ]),
    );
    runId = summary.runId;
    balanced(summary);
    expect(summary).toMatchObject({ read: 6, stored: 2, duplicates: 0, quarantined: 4 });
    const byRow = Object.fromEntries(summary.errors.map((e) => [e.row, e]));
    // Rows as the file numbers them: the header is line 1.
    expect(byRow[3]).toMatchObject({ field: 'unit_code' });
    expect(byRow[3]?.message).toContain('99999');
    expect(byRow[4]).toMatchObject({ field: 'birth_year' });
    expect(byRow[5]).toMatchObject({ field: 'updated_at' });
    expect(byRow[5]?.message).toContain('31/02/2025');
    expect(byRow[6]).toMatchObject({ field: 'gender' });
    expect(await count("SELECT count() AS n FROM officers FINAL WHERE officer_id IN ('VM-001', 'VM-006')")).toBe(2);
  });

  it('lists the quarantined rows with the row as read', async () => {
    const run = await findRun(t.store, runId);
    expect(run).toMatchObject({ kind: 'officers', status: 'done', read: 6, stored: 2, quarantined: 4, resolved: 0 });
    const rows = await rowsOf(runId);
    expect(rows.map((r) => r.row)).toEqual([3, 4, 5, 6]);
    expect(rows[0]?.values).toMatchObject({ officer_id: 'VM-002', unit_code: '99999', full_name: 'Trần Thị Bích' });
  });

  it('takes the corrected rows back from the correction file and resolves their quarantine', async () => {
    let csv = '';
    for await (const chunk of correctionFile(t.store, runId)) csv += chunk;
    expect(csv.startsWith('\uFEFFdòng gốc,')).toBe(true);
    const [header = [], ...rows] = parse(csv.slice(1)) as string[][];
    expect(header.at(-1)).toBe('lý do (reason)');
    expect(rows.map((r) => r[0])).toEqual(['3', '4', '5', '6']);
    // The officer corrects three rows and leaves the fourth (its unit is still unknown).
    const col = (name: string) => header.indexOf(name);
    const fixed = rows.map((r) => [...r]);
    (fixed[1] as string[])[col('birth_year')] = '1958';
    (fixed[2] as string[])[col('updated_at')] = '28/02/2025';
    (fixed[3] as string[])[col('gender')] = 'Nam';
    const file = writeFile('sua-loi.csv', stringify([header.slice(0, -1), ...fixed.map((r) => r.slice(0, -1))]));
    const summary = await load('officers', file, runId);
    balanced(summary);
    expect(summary).toMatchObject({ read: 4, stored: 3, quarantined: 1 });
    expect((await findRun(t.store, runId)).resolved).toBe(3);
    const after = await rowsOf(runId);
    expect(after.filter((r) => r.resolvedBy === summary.runId).map((r) => r.row)).toEqual([4, 5, 6]);
    expect(after.find((r) => r.row === 3)?.resolvedBy).toBe('');
    // Still to correct, in the correction's own run now: its row 2 (the file's first row).
    expect(after.map((r) => r.resentIn)).toEqual([{ run: summary.runId, row: 2 }, null, null, null]);
    correctionRun = summary.runId;
  });

  it("corrects again, through the correction's own run, the row it quarantined again", async () => {
    // The correction run's own correction file: one "dòng gốc" column, its rows; before, the first run's row numbers
    // came too as a second column, which contradicted the first when the file came back.
    const [header = [], ...rows] = parse((await text(correctionFile(t.store, correctionRun))).slice(0)) as string[][];
    expect(header.filter((h) => h === 'dòng gốc' || h === 'quarantine_row')).toEqual(['dòng gốc']);
    expect(rows.map((r) => r[0])).toEqual(['2']);
    const fixed = rows.map((r) => r.slice(0, -1));
    (fixed[0] as string[])[header.indexOf('unit_code')] = '00226';
    const again = await load('officers', writeFile('sua-lai.csv', stringify([header.slice(0, -1), ...fixed])), correctionRun);
    expect(again).toMatchObject({ read: 1, stored: 1, quarantined: 0 });
    expect((await findRun(t.store, correctionRun)).resolved).toBe(1);
    // The row corrected through the correction is the first run's row 3: it is resolved there too, by the last run.
    expect((await findRun(t.store, runId)).resolved).toBe(4);
    expect((await rowsOf(runId)).map((r) => [r.row, r.resolvedBy, r.resentIn])).toEqual([
      [3, again.runId, null],
      [4, correctionRun, null],
      [5, correctionRun, null],
      [6, correctionRun, null],
    ]);
    // The same row sent back to the first run, where row 2 was stored, not quarantined: nothing there is resolved by it.
    expect(await load('officers', writeFile('sua-nham.csv', stringify([header.slice(0, -1), ...fixed])), runId)).toMatchObject({ duplicates: 1 });
    expect((await findRun(t.store, runId)).resolved).toBe(4);
  });

  it('refuses a correction for a run that does not exist, or for a run of another kind', async () => {
    const file = roster(['VM-009,00226,Hà Văn Chín,Nam,1980,MTTQ,Ủy viên,,Đang công tác,16/09/2025']);
    await expect(load('officers', file, '20990101-000000-abcdef')).rejects.toThrow(/no ingest run "20990101-000000-abcdef"/);
    await expect(load('petitions', writeFile('don.jsonl', petition('RS-1')), runId)).rejects.toMatchObject({ name: 'InputError', detail: { code: 'resubmit_other_kind' } });
    expect(await count("SELECT count() AS n FROM officers WHERE officer_id = 'VM-009'")).toBe(0);
  });

  it('stores nothing new when the same file, or an overlapping one, comes again', async () => {
    const again = await load('officers', roster(['VM-001,00226,Nguyễn Văn An,Nam,1975,MTTQ,Chủ tịch,0912000001,Đang công tác,16/09/2025']));
    expect(again).toMatchObject({ read: 1, stored: 0, duplicates: 1 });
    const overlap = await load(
      'officers',
      roster([
        'VM-006,00226,Đỗ Thị Phương,Nữ,1979,Công đoàn,Phó Chủ tịch,0987000006,Đang công tác,16/09/2025',
        'VM-007,00226,Vũ Văn Giang,Nam,1983,MTTQ,Cán bộ,,Đang công tác,16/09/2025',
      ]),
    );
    expect(overlap).toMatchObject({ read: 2, stored: 1, duplicates: 1 });
    // VM-001, 003, 004, 005, 006 (stored or corrected), VM-002 (corrected the second time) and VM-007.
    expect(await count("SELECT count() AS n FROM officers WHERE officer_id LIKE 'VM-%'")).toBe(7);
  });

  it('says a required organisation or position is empty, and names one it does not know', async () => {
    const summary = await load(
      'officers',
      roster([
        'EP-001,00226,Ngô Văn Hải,Nam,1970,,Chủ tịch,,Đang công tác,16/09/2025',
        'EP-002,00226,Bùi Thị Lan,Nữ,1982,Hội Phụ nữ,  ,,Đang công tác,16/09/2025',
        'EP-003,00226,Lý Văn Minh,Nam,1975,Hội Người cao tuổi,Chủ nhiệm,,Đang công tác,16/09/2025',
      ]),
    );
    expect(summary).toMatchObject({ read: 3, stored: 0, quarantined: 3 });
    expect(summary.errors.map(({ row, field, message }) => `${row} ${field}: ${message}`)).toEqual([
      '2 organisation: is empty (mttq, cong_doan, hoi_nong_dan, hoi_phu_nu, doan_thanh_nien, hoi_cuu_chien_binh)',
      '3 position: is empty (chu_tich, pho_chu_tich, uy_vien_thuong_truc, uy_vien, can_bo)',
      '4 organisation: "Hội Người cao tuổi" is not an organisation (mttq, cong_doan, hoi_nong_dan, hoi_phu_nu, doan_thanh_nien, hoi_cuu_chien_binh)',
      '4 position: "Chủ nhiệm" is not a position (chu_tich, pho_chu_tich, uy_vien_thuong_truc, uy_vien, can_bo)',
    ]);
  });

  it('reads a unit code whose zeros a spreadsheet dropped as the unit it can only be, and refuses one that may be two', async () => {
    // Before, every code of one or two digits with no level was a province: "4" (Phường Ba Đình, 00004) went to Cao Bằng.
    const summary = await load(
      'officers',
      writeFile(
        'can-bo-ma-ngan.csv',
        [
          'Mã cán bộ,Mã đơn vị,Cấp,Họ và tên,Tổ chức,Chức vụ',
          'SC-001,4,,Phan Văn Hậu,MTTQ,Ủy viên',
          'SC-002,4,xã,Phan Thị Huệ,MTTQ,Ủy viên',
          'SC-003,70,,Đinh Văn Lộc,MTTQ,Ủy viên',
          'SC-004,79,,Lương Thị Mận,MTTQ,Ủy viên',
          'SC-005,4,tỉnh,Quách Văn Sơn,MTTQ,Ủy viên',
          // Two digits are a province code as written: 04 is Cao Bằng, 25 Phú Thọ, though 00004 and 00025 are in force too.
          'SC-006,04,,Vi Văn Tài,MTTQ,Ủy viên',
          'SC-007,25,,Hà Thị Yến,MTTQ,Ủy viên',
        ].join('\n'),
      ),
    );
    balanced(summary);
    expect(summary).toMatchObject({ read: 7, stored: 6, quarantined: 1 });
    expect(summary.errors).toEqual([
      expect.objectContaining({ row: 2, field: 'unit_code', code: 'unit_code_ambiguous', message: '"4" may be province 04 or commune 00004 (a code whose leading zeros were dropped): write it with its zeros, or give the level' }),
    ]);
    const units = await t.store.query<{ officer_id: string; unit_code: string }>(
      "SELECT officer_id, unit_code FROM officers FINAL WHERE officer_id LIKE 'SC-%' ORDER BY officer_id",
    );
    expect(units.map((u) => `${u.officer_id} ${u.unit_code}`)).toEqual(['SC-002 00004', 'SC-003 00070', 'SC-004 79', 'SC-005 04', 'SC-006 04', 'SC-007 25']);
  });

  it('reads the unit codes of a weekly report by the same rule', async () => {
    const summary = await load(
      'weekly_reports',
      writeFile(
        'bao-cao-ma-ngan.csv',
        ['Mã đơn vị;Tuần;Đơn thư, kiến nghị tiếp nhận', '4;Tuần 37/2025;12', '70;Tuần 37/2025;7', '25;Tuần 37/2025;30', '99999;Tuần 37/2025;3'].join('\n'),
      ),
    );
    balanced(summary);
    expect(summary).toMatchObject({ read: 4, stored: 2, quarantined: 2 });
    expect(summary.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [2, 'unit_code', 'unit_code_ambiguous'],
      [5, 'unit_code', 'unit_not_in_force'],
    ]);
    const units = await t.store.query<{ unit_code: string }>(
      "SELECT DISTINCT unit_code FROM weekly_reports FINAL WHERE ingest_run_id = {run:String} ORDER BY unit_code",
      { run: summary.runId },
    );
    expect(units.map((u) => u.unit_code)).toEqual(['00070', '25']);
  });

  it("reads a birth date's year, and refuses a birth year or an update day it cannot read", async () => {
    // Before, every unreadable birth year and every birth date before 1970 was stored as 1970, and an update day
    // "1", "2025" or before 1970 was stored as another day.
    const summary = await load(
      'officers',
      roster([
        'BY-001,00226,Trịnh Văn Đông,Nam,15/03/1965,MTTQ,Ủy viên,912345678,Đang công tác,16/09/2025',
        'BY-002,00226,Mai Thị Thu,Nữ,ngày 2 tháng 9 năm 1968,MTTQ,Ủy viên,,Đang công tác,16/09/2025',
        'BY-003,00226,Tạ Văn Nam,Nam,23816,MTTQ,Ủy viên,,Đang công tác,16/09/2025',
        'BY-004,00226,Kiều Thị Xuân,Nữ,không rõ,MTTQ,Ủy viên,,Đang công tác,16/09/2025',
        'BY-005,00226,Đàm Văn Phú,Nam,19x,MTTQ,Ủy viên,,Đang công tác,16/09/2025',
        'BY-006,00226,Âu Thị Hoa,Nữ,1977,MTTQ,Ủy viên,,Đang công tác,1',
        'BY-007,00226,Lạc Văn Thành,Nam,1977,MTTQ,Ủy viên,,Đang công tác,01/01/1900',
      ]),
    );
    balanced(summary);
    expect(summary).toMatchObject({ read: 7, stored: 3, quarantined: 4 });
    expect(summary.errors.map(({ row, field, code }) => `${row} ${field} ${code}`)).toEqual([
      '5 birth_year not_birth_year',
      '6 birth_year not_birth_year',
      '7 updated_at not_date',
      '8 updated_at not_date',
    ]);
    const years = await t.store.query<{ officer_id: string; birth_year: number }>(
      "SELECT officer_id, birth_year FROM officers FINAL WHERE officer_id LIKE 'BY-%' ORDER BY officer_id",
    );
    // A phone that lost its leading 0 in a spreadsheet gets it back.
    const [phone] = await t.store.query<{ phone: string }>("SELECT phone FROM officers FINAL WHERE officer_id = 'BY-001'");
    expect(phone?.phone).toBe('0912345678');
    expect(years).toEqual([
      { officer_id: 'BY-001', birth_year: 1965 },
      { officer_id: 'BY-002', birth_year: 1968 },
      { officer_id: 'BY-003', birth_year: 1965 },
    ]);
  });
});

const petition = (id: string, extra: Record<string, string> = {}) =>
  JSON.stringify({
    ma_don: id,
    ngay_tiep_nhan: '16/09/2025 08:00',
    kenh: 'Zalo',
    ma_xa: '00226',
    noi_dung: 'Đề nghị phường Văn Miếu - Quốc Tử Giám sửa đèn chiếu sáng ngõ 12.',
    ho_ten: 'Nguyễn Thị Lan',
    dien_thoai: '0912345678',
    ...extra,
  });

describe('an officer who moves to another unit', () => {
  const activeUnits = async (id: string) =>
    (await t.store.query<{ unit_code: string }>('SELECT unit_code FROM officers FINAL WHERE officer_id = {id:String} AND is_active = 1', { id })).map((r) => r.unit_code);

  it('is counted in the new unit only, and the old roster keeps them as having left', async () => {
    // Before, the officer's row in each unit stayed active: counted twice, in both rosters.
    await load('officers', roster(['MV-001,00226,Vũ Thị Hạnh,Nữ,1984,MTTQ,Ủy viên,,Đang công tác,01/09/2025', 'MV-002,00226,Lý Văn Khoa,Nam,1979,MTTQ,Ủy viên,,Đang công tác,01/09/2025']));
    const moved = await load('officers', roster(['MV-001,00004,Vũ Thị Hạnh,Nữ,1984,MTTQ,Phó Chủ tịch,,Đang công tác,10/09/2025']));
    expect(moved).toMatchObject({ read: 1, stored: 1, duplicates: 0, quarantined: 0 });
    expect(await activeUnits('MV-001')).toEqual(['00004']);
    expect(await activeUnits('MV-002')).toEqual(['00226']);
    const left = await t.store.query<{ is_active: number; updated_at: string }>(
      "SELECT is_active, toString(updated_at) AS updated_at FROM officers FINAL WHERE officer_id = 'MV-001' AND unit_code = '00226'",
    );
    expect(left).toEqual([{ is_active: 0, updated_at: '2025-09-10 00:00:00' }]);

    // The new roster again is a duplicate; the old one, dated before the move, does not bring the officer back.
    expect(await load('officers', roster(['MV-001,00004,Vũ Thị Hạnh,Nữ,1984,MTTQ,Phó Chủ tịch,,Đang công tác,10/09/2025']))).toMatchObject({ stored: 0, duplicates: 1 });
    await load('officers', roster(['MV-001,00226,Vũ Thị Hạnh,Nữ,1984,MTTQ,Ủy viên,,Đang công tác,01/09/2025']));
    expect(await activeUnits('MV-001')).toEqual(['00004']);
    // Moving back later closes the second unit's row in turn.
    await load('officers', roster(['MV-001,00226,Vũ Thị Hạnh,Nữ,1984,MTTQ,Chủ tịch,,Đang công tác,20/09/2025']));
    expect(await activeUnits('MV-001')).toEqual(['00226']);
  });
});

describe('petitions with bad rows (checked in JavaScript)', () => {
  let runId = '';

  it('quarantines empty texts, bad dates, unknown units, bad phones and a 1 MB text, and stores the rest', async () => {
    const file = writeFile(
      'don-thu.jsonl',
      [
        petition('Q-1'),
        petition('Q-2', { noi_dung: '   ' }),
        petition('Q-3', { ngay_tiep_nhan: 'hôm qua' }),
        petition('Q-4', { ma_xa: '12345' }),
        petition('Q-5', { dien_thoai: '12345' }),
        'not json at all',
        petition('Q-7', { noi_dung: 'đ'.repeat(1024 * 1024) }),
        petition('Q-8', { noi_dung: 'de nghi sua den chieu sang ngo 12 pho van mieu' }),
      ].join('\n'),
    );
    const summary = await load('petitions', file);
    runId = summary.runId;
    balanced(summary);
    expect(summary).toMatchObject({ read: 8, stored: 2, quarantined: 6 });
    const fields = Object.fromEntries(summary.errors.map((e) => [e.row, e.field]));
    expect(fields).toMatchObject({ 2: 'text', 3: 'received_at', 4: 'commune_code', 5: 'phone', 7: 'text' });
    expect(summary.errors.find((e) => e.row === 6)?.message).toMatch(/JSON/);
    expect(summary.errors.find((e) => e.row === 7)?.message).toMatch(/1,048,576 characters long; at most 50,000/);
    // A fault never repeats a personal value, in its words or its values.
    const phone = summary.errors.find((e) => e.row === 5);
    expect(phone).toMatchObject({ field: 'phone', code: 'not_vn_phone', params: {} });
    expect(phone?.message).not.toContain('12345');
  });

  it("keeps a quarantined petition's contact sealed, opened only with the key", async () => {
    const hidden = await rowsOf(runId);
    const row5 = hidden.find((r) => r.row === 5);
    expect(row5?.personalHidden).toBe(true);
    expect(JSON.stringify(hidden)).not.toContain('Nguyễn Thị Lan');
    const raw = await t.store.query<{ raw: string }>('SELECT raw FROM ingest_quarantine WHERE run_id = {run:String}', { run: runId });
    expect(raw.some((r) => r.raw.includes('Nguyễn Thị Lan') || r.raw.includes('0912345678'))).toBe(false);
    const opened = await rowsOf(runId, true);
    expect(opened.find((r) => r.row === 5)?.values).toMatchObject({ petitioner_name: 'Nguyễn Thị Lan', phone: '12345' });
  });

  it('labels and records as received each stored petition exactly once, also when the file comes again', async () => {
    const file = writeFile('don-thu-2.jsonl', [petition('Q-1'), petition('Q-8', { noi_dung: 'de nghi sua den chieu sang ngo 12 pho van mieu' }), petition('Q-9')].join('\n'));
    expect(await load('petitions', file)).toMatchObject({ read: 3, stored: 1, duplicates: 2 });
    expect(await count("SELECT count() AS n FROM petitions WHERE petition_id LIKE 'Q-%'")).toBe(3);
    expect(await count("SELECT count() AS n FROM petition_events WHERE petition_id LIKE 'Q-%' AND status = 'received'")).toBe(3);
    expect(await count("SELECT count() AS n FROM nlp_labels WHERE item_kind = 'petition' AND item_id LIKE 'Q-%'")).toBe(3);
  });

  it('quarantines a petition id sent again with another text, naming the run that stored it', async () => {
    const file = writeFile('don-thu-3.jsonl', petition('Q-1', { noi_dung: 'Một nội dung khác hẳn.' }));
    const summary = await load('petitions', file);
    expect(summary).toMatchObject({ read: 1, stored: 0, quarantined: 1 });
    expect(summary.errors[0]).toMatchObject({ row: 1, field: 'petition_id' });
    expect(summary.errors[0]?.message).toContain('stored already');
  });

  it('quarantines a row whose bytes the file\'s encoding cannot read, past the start the encoding was told by', async () => {
    // UTF-8 for far more than the 64 KiB the encoding is told by, then one line saved in Windows-1258 (appended from
    // another export). Before, it was stored with its letters lost (Tr�n V�n B�nh) and nothing said.
    const head = Array.from({ length: 400 }, (_, i) => petition(`ENC-${i}`)).join('\n');
    const legacy = Buffer.from(encodeLegacy(petition('ENC-X', { noi_dung: 'Trần Văn Bình đề nghị sửa cống' }), 'windows-1258'));
    const file = writeFile('don-tron-bang-ma.jsonl', Buffer.concat([Buffer.from(`${head}\n`), legacy, Buffer.from('\n')]));
    const summary = await load('petitions', file);
    balanced(summary);
    expect(summary).toMatchObject({ encoding: 'utf-8 (detected)', read: 401, stored: 400, quarantined: 1 });
    expect(summary.errors.map((e) => [e.row, e.field, e.code, e.params])).toEqual([
      [401, 'text', 'not_in_encoding', { encoding: 'utf-8' }],
      [401, 'petitioner_name', 'not_in_encoding', { encoding: 'utf-8' }],
    ]);
    expect(await count("SELECT count() AS n FROM petitions WHERE petition_id = 'ENC-X'")).toBe(0);
  });

  it('repairs a title and a text pasted from a TCVN3 sheet into a UTF-8 file', async () => {
    // The bytes of TCVN3 read as Windows-1252 letters, as a sheet pasted into another shows them.
    const pasted = (text: string) => Buffer.from(encodeLegacy(text, 'tcvn3')).toString('latin1');
    const title = 'Đèn chiếu sáng ngõ hỏng';
    const text = 'Đề nghị phường sửa đèn chiếu sáng ngõ 12 phố Văn Miếu';
    expect(await load('petitions', writeFile('don-dan.jsonl', petition('MJ-1', { tieu_de: pasted(title), noi_dung: pasted(text) })))).toMatchObject({ stored: 1 });
    // Before, only the text was repaired: the title was stored as "§Ìn chiÕu s¸ng ngâ háng".
    const [stored] = await t.store.query<{ title: string; text: string }>("SELECT title, text FROM petitions WHERE petition_id = 'MJ-1'");
    expect(stored).toEqual({ title, text });
  });

  it('takes a corrected petition back from the correction file, its contact opened for the uploader, and resolves only its row', async () => {
    const [header = [], ...rows] = parse(await text(correctionFile(t.store, runId, loadSealer(t.config)))) as string[][];
    const row5 = rows.find((r) => r[0] === '5') as string[];
    expect(row5[header.indexOf('phone')]).toBe('12345');
    row5[header.indexOf('phone')] = '0912 345 678';
    // A row numbered as one the run stored (row 1, Q-1): sent back, it resolves nothing.
    const stray = [...row5];
    stray[0] = '1';
    stray[header.indexOf('petition_id')] = 'Q-1';
    stray[header.indexOf('text')] = 'Đề nghị phường Văn Miếu - Quốc Tử Giám sửa đèn chiếu sáng ngõ 12.';
    const summary = await load('petitions', writeFile('sua-don.csv', stringify([header.slice(0, -1), row5.slice(0, -1), stray.slice(0, -1)])), runId);
    expect(summary).toMatchObject({ read: 2, stored: 1, duplicates: 1, quarantined: 0 });
    const after = await rowsOf(runId);
    expect(after.filter((r) => r.resolvedBy !== '').map((r) => r.row)).toEqual([5]);
    expect((await findRun(t.store, runId)).resolved).toBe(1);
  });

  it('resolves the first run\'s row when it is corrected through a correction that quarantined it again', async () => {
    const correction = async (run: string) => parse(await text(correctionFile(t.store, run, loadSealer(t.config)))) as string[][];
    const [header = [], ...rows] = await correction(runId);
    const row3 = (rows.find((r) => r[0] === '3') as string[]).slice(0, -1);
    row3[header.indexOf('received_at')] = 'hôm kia'; // still not a day
    const second = await load('petitions', writeFile('sua-don-2.csv', stringify([header.slice(0, -1), row3])), runId);
    expect(second).toMatchObject({ read: 1, stored: 0, quarantined: 1 });
    expect((await rowsOf(runId)).find((r) => r.row === 3)?.resentIn).toEqual({ run: second.runId, row: 2 });
    const [header2 = [], ...rows2] = await correction(second.runId);
    expect(rows2.map((r) => r[0])).toEqual(['2']);
    const fixed = (rows2[0] as string[]).slice(0, -1);
    fixed[header2.indexOf('received_at')] = '16/09/2025 08:30';
    const third = await load('petitions', writeFile('sua-don-3.csv', stringify([header2.slice(0, -1), fixed])), second.runId);
    expect(third).toMatchObject({ read: 1, stored: 1, quarantined: 0 });
    expect((await rowsOf(second.runId)).map((r) => [r.row, r.resolvedBy])).toEqual([[2, third.runId]]);
    // Row 3 of the first run is the same petition, stored now: resolved there too; row 5 keeps its own resolution.
    const first = await rowsOf(runId);
    expect(first.filter((r) => r.resolvedBy !== '').map((r) => [r.row, r.resolvedBy === third.runId])).toEqual([
      [3, true],
      [5, false],
    ]);
    expect((await findRun(t.store, runId)).resolved).toBe(2);
  });
});

/** A time of its own for row i of the gathered files, which its label carries. */
const momentOf = (i: number) => `${1 + (i % 28)}/08/2025 ${String(7 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;

/**
 * After a gathered run of `rows` texts (ids starting with `prefix`): one label each, never written twice (counted
 * without FINAL: two copies in one insert would merge in nlp_labels, not in the terms rollup), matched to its own text
 * (a label matched to the wrong row leaves a text without one, at its time), counted once by the rollup; and the
 * run's gathering tables gone with it.
 */
async function expectLabelledOnce(itemKind: 'petition' | 'post', texts: { table: string; id: string; time: string }, prefix: string, rows: number) {
  expect(await count(`SELECT count() AS n FROM nlp_labels WHERE item_kind = '${itemKind}' AND startsWith(item_id, '${prefix}')`)).toBe(rows);
  expect(
    await count(`SELECT count() AS n FROM ${texts.table} AS p FINAL
                 INNER JOIN nlp_labels AS l ON l.item_kind = '${itemKind}' AND l.item_id = p.${texts.id}
                 WHERE startsWith(p.${texts.id}, '${prefix}') AND l.occurred_at = p.${texts.time}`),
  ).toBe(rows);
  expect(await count(`SELECT sum(texts) AS n FROM nlp_terms_weekly WHERE item_kind = '${itemKind}' AND scope_code = 'VN' AND term = ''`)).toBe(
    await count(`SELECT count() AS n FROM nlp_labels FINAL WHERE item_kind = '${itemKind}'`),
  );
  expect(await count("SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND startsWith(name, 'ingest_stage_')")).toBe(0);
}

describe('a petition event sent again', () => {
  it('is a duplicate when it says the same, and is quarantined when its note or actor changed', async () => {
    expect(await load('petitions', writeFile('don-su-kien.jsonl', petition('EVQ-1')))).toMatchObject({ stored: 1 });
    const events = (actor: string, note: string) =>
      writeFile('su-kien.tsv', ['Mã đơn\tMã sự kiện\tTrạng thái\tThời gian\tNgười thực hiện\tGhi chú', `EVQ-1\tEV-1\tĐã thụ lý\t16/09/2025 10:00\t${actor}\t${note}`].join('\n'));
    const actor = 'Cán bộ Nguyễn Văn Bình';
    // The actor written decomposed (NFD), as a Mac writes it: stored in NFC, and the same actor when sent in NFC.
    expect(await load('petition_events', events(actor.normalize('NFD'), 'Đã thụ lý, hẹn trả lời trong 10 ngày'))).toMatchObject({ stored: 1 });
    const [stored] = await t.store.query<{ actor: string }>("SELECT actor FROM petition_events WHERE petition_id = 'EVQ-1' AND event_id = 'EV-1'");
    expect(stored?.actor).toBe(actor);
    expect(await load('petition_events', events(actor, 'Đã thụ lý, hẹn trả lời trong 10 ngày'))).toMatchObject({ stored: 0, duplicates: 1, quarantined: 0 });
    // Before, a changed note was counted a duplicate and dropped without a word.
    const changed = await load('petition_events', events(actor, 'Đã thụ lý, hẹn trả lời trong 5 ngày'));
    expect(changed).toMatchObject({ stored: 0, duplicates: 0, quarantined: 1 });
    expect(changed.errors.map((e) => [e.row, e.field, e.code])).toEqual([[2, 'event_id', 'event_stored']]);
  });
});

describe('petitions gathered in the engine and written a block at a time', () => {
  it('finds a petition sent again on a later row, whether its first row waits to be written or is written', async () => {
    // Past one move of the gathered rows, with a batch after it: the first batch waits while the second is settled.
    const rows = GATHER_ROWS + JS_BATCH + 500;
    const text = (i: number) => `Đề nghị sửa đèn chiếu sáng ngõ ${i} phường Văn Miếu - Quốc Tử Giám.`;
    const lines = Array.from({ length: rows }, (_, i) => petition(`G-${i + 1}`, { noi_dung: text(i + 1), ngay_tiep_nhan: momentOf(i + 1) }));
    const again = (id: number, otherText = false) =>
      petition(`G-${id}`, { noi_dung: otherText ? 'Một nội dung khác hẳn.' : text(id), ngay_tiep_nhan: momentOf(id) });
    // In the second batch, while the first waits: one the same, one with another text.
    lines.splice(JS_BATCH + 10, 0, again(1), again(2, true));
    // After the move, in the last batch: the petitions are in their table, their labels still wait (LABELS_MOVED_EVERY).
    lines.push(again(3), again(4, true));
    const summary = await load('petitions', writeFile('gathered.jsonl', lines.join('\n')));
    balanced(summary);
    expect(summary).toMatchObject({ read: rows + 4, stored: rows, duplicates: 2, quarantined: 2 });
    expect(summary.errors).toEqual([
      { row: JS_BATCH + 12, field: 'petition_id', code: 'key_repeated_earlier', params: { value: 'G-2' }, message: '"G-2" is also on an earlier row of this file with other values' },
      { row: rows + 4, field: 'petition_id', code: 'key_repeated_earlier', params: { value: 'G-4' }, message: '"G-4" is also on an earlier row of this file with other values' },
    ]);
    expect(await count("SELECT count() AS n FROM petitions WHERE startsWith(petition_id, 'G-')")).toBe(rows);
    expect(await count("SELECT uniqExact(petition_id) AS n FROM petitions WHERE startsWith(petition_id, 'G-')")).toBe(rows);
    expect(await count("SELECT count() AS n FROM petition_events WHERE startsWith(petition_id, 'G-') AND status = 'received'")).toBe(rows);
    // Labels are started with their batch, before its look-up, and a repeat's label is dropped with the repeat; a
    // petition whose label still waits is found waiting, not stored without its label.
    await expectLabelledOnce('petition', { table: 'petitions', id: 'petition_id', time: 'received_at' }, 'G-', rows);
  });
});

describe('an opinion post without its id, written decomposed', () => {
  it('is the same post as written composed: its key is made from NFC', async () => {
    const posts = (form: 'NFC' | 'NFD') =>
      writeFile(
        `bai-${form}.csv`,
        [
          'Nguồn;Tên nguồn;Đường dẫn;Nội dung;Thời gian đăng;Mã xã',
          'Facebook;Nhóm Cư dân phường Văn Miếu - Quốc Tử Giám;;Ngõ Văn Chương ngập nước sau mưa, đề nghị khơi thông cống;15/09/2025 20:15;00226',
          'Facebook;Nhóm Cư dân;https://vi.example.vn/bài-viết/ngõ-văn-chương;Cảm ơn phường đã sửa đèn ngõ;15/09/2025 21:00;00226',
        ]
          .join('\n')
          .normalize(form),
      );
    expect(await load('opinion_posts', posts('NFC'))).toMatchObject({ read: 2, stored: 2 });
    // Before, the name and the address went into the key as written: the same two posts were stored again.
    expect(await load('opinion_posts', posts('NFD'))).toMatchObject({ read: 2, stored: 0, duplicates: 2 });
  });
});

describe('opinion posts gathered in the engine and written a block at a time', () => {
  it('finds a post collected again while it waits, or while its label waits, and keeps its newest counts', async () => {
    // Two batches make one move of the posts (their labels wait for a later one); the last batch comes after it.
    const rows = GATHER_ROWS + JS_BATCH + 500;
    const text = (i: number) => `Cư dân phường Văn Miếu - Quốc Tử Giám phản ánh ngõ ${i} ngập nước sau mưa.`;
    const post = (i: number, extra: Record<string, string | number> = {}) =>
      JSON.stringify({ post_id: `P-${i}`, source: 'facebook', url: `https://facebook.com/groups/vanmieu/posts/${i}`, text: text(i), published_at: momentOf(i), province_code: '01', commune_code: '00226', likes: 10, ...extra });
    const lines = Array.from({ length: rows }, (_, i) => post(i + 1));
    // In the second batch, while the first waits: the same; another text; more likes (a later reading), moved with the
    // earlier reading in one insert.
    lines.splice(JS_BATCH + 10, 0, post(1), post(2, { text: 'Một nội dung khác hẳn.' }), post(7, { likes: 99 }));
    // After the move, while the labels wait: the same; another text; more likes; fewer (an earlier reading).
    lines.push(post(3), post(4, { text: 'Một nội dung khác hẳn.' }), post(5, { likes: 99 }), post(6, { likes: 3 }));
    const summary = await load('opinion_posts', writeFile('gathered-posts.jsonl', lines.join('\n')));
    balanced(summary);
    expect(summary).toMatchObject({ read: rows + 7, stored: rows + 2, duplicates: 3, quarantined: 2 });
    expect(summary.errors.map((e) => [e.row, e.field])).toEqual([
      [JS_BATCH + 12, 'post_id'],
      [rows + 5, 'post_id'],
    ]);
    expect(await count("SELECT count() AS n FROM opinion_posts FINAL WHERE startsWith(post_id, 'P-')")).toBe(rows);
    expect(await count("SELECT countIf(likes = 99) AS n FROM opinion_posts FINAL WHERE post_id IN ('P-5', 'P-7')")).toBe(2);
    await expectLabelledOnce('post', { table: 'opinion_posts', id: 'post_id', time: 'published_at' }, 'P-', rows);
  });
});

describe('a roster CSV read by the engine or in JavaScript', () => {
  // A title block, Windows line ends, an empty line and a spreadsheet's empty row (",,,,"), a quoted cell with a comma:
  // a file on disk whose records are one line each is read by the engine from disk, an upload is split here. Both
  // must number rows as the file's lines and skip the same lines.
  const lines = [
    'DANH SÁCH CÁN BỘ MẶT TRẬN,,,,,,,,,',
    'Phường Văn Miếu - Quốc Tử Giám,,,,,,,,,',
    '',
    ROSTER_HEADER,
    'VP-001,00226,Nguyễn Văn An,Nam,1975,MTTQ,Chủ tịch,0912000001,Đang công tác,16/09/2025',
    'VP-002,00226,"Trần Thị Bích, Hoa",Nữ,1980,MTTQ,Ủy viên,09120,Đang công tác,16/09/2025',
    '',
    ',,,,,,,,,',
    'VP-003,99999,Lê Văn Cường,Nam,1970,Hội Nông dân,Chủ tịch,,Đang công tác,16/09/2025',
    'VP-004,00226,Phạm Thị Dung,Nữ,1990,Đoàn Thanh niên,Bí thư,,Đang công tác,ngày 16 tháng 9 năm 2025',
  ];
  const body = Buffer.from(`${lines.join('\r\n')}\r\n`);

  it('reads the same rows either way, numbered as the lines of the file', async () => {
    const file = writeFile('roster-two-ways.csv', body);
    expect(await recordsAreLines(fs.createReadStream(file), 1024)).toEqual({ lines: true, utf8: true });
    const fromDisk = await load('officers', file);
    expect(fromDisk).toMatchObject({ read: 4, stored: 2, quarantined: 2 });
    expect(fromDisk.errors.map((e) => [e.row, e.field])).toEqual([
      [6, 'phone'],
      [9, 'unit_code'],
    ]);
    const uploaded = await ingestFile(t.store, 'officers', bufferSource('roster-two-ways.csv', body), { wayIn: 'http', sealer: t.sealer });
    expect(uploaded).toMatchObject({ read: 4, stored: 0, duplicates: 2, quarantined: 2 });
    expect(uploaded.errors).toEqual(fromDisk.errors);
    // A name the engine would take as a pattern of names is read in JavaScript, with the same rows.
    const patterned = await load('officers', writeFile('roster {1}?.csv', body));
    expect(patterned).toMatchObject({ read: 4, stored: 0, duplicates: 2, quarantined: 2, errors: fromDisk.errors });
    const [name] = await t.store.query<{ full_name: string; updated_at: string }>(
      "SELECT full_name, toString(updated_at) AS updated_at FROM officers FINAL WHERE officer_id = 'VP-004'",
    );
    expect(name).toEqual({ full_name: 'Phạm Thị Dung', updated_at: '2025-09-16 00:00:00' });
  });

  it('leaves to JavaScript a file with a cell on several lines or a line too long, keeping line numbers', async () => {
    const multiLine = writeFile('roster-multi-line.csv', [ROSTER_HEADER, 'VP-011,00226,"Ngô Văn\nTám",Nam,1975,MTTQ,Chủ tịch,,Đang công tác,16/09/2025', 'VP-012,99999,Vũ Thị Chín,Nữ,1980,MTTQ,Ủy viên,,Đang công tác,16/09/2025'].join('\n'));
    expect((await recordsAreLines(fs.createReadStream(multiLine), 1024)).lines).toBe(false);
    const summary = await load('officers', multiLine);
    expect(summary).toMatchObject({ read: 2, stored: 1, quarantined: 1 });
    expect(summary.errors[0]).toMatchObject({ row: 4, field: 'unit_code' });
    expect((await recordsAreLines(fs.createReadStream(writeFile('long.csv', `a,b\n${'x'.repeat(2000)}\n`)), 1024)).lines).toBe(false);
  });

  it("quarantines a row whose bytes the file's encoding cannot read, past the start the encoding was told by", async () => {
    // UTF-8 for far more than the 64 KiB the encoding is told by, then a line saved in Windows-1258 (appended from
    // another export). Before, the engine refused the whole file with its own error (normalizeUTF8NFC: invalid UTF-8).
    const good = Array.from({ length: 900 }, (_, i) => `BE-${String(i).padStart(3, '0')},00226,Nguyễn Văn An ${i},Nam,1975,MTTQ,Ủy viên,,Đang công tác,16/09/2025`);
    const legacy = Buffer.from(encodeLegacy('BE-X,00226,Trần Văn Bình,Nam,1975,MTTQ,Chủ tịch,,Đang công tác,16/09/2025', 'windows-1258'));
    const body = Buffer.concat([Buffer.from(`${[ROSTER_HEADER, ...good].join('\n')}\n`), legacy, Buffer.from('\nBE-Y,00226,Lê Văn Cường,Nam,1980,MTTQ,Ủy viên,,Đang công tác,16/09/2025\n')]);
    expect(body.length).toBeGreaterThan(64 * 1024);
    const fromDisk = await load('officers', writeFile('roster-mixed-encodings.csv', body));
    balanced(fromDisk);
    expect(fromDisk).toMatchObject({ encoding: 'utf-8 (detected)', read: 902, stored: 901, quarantined: 1 });
    expect(fromDisk.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [902, 'full_name', 'not_in_encoding'],
      [902, 'position', 'not_in_encoding'],
      [902, 'status', 'not_in_encoding'],
    ]);
    expect(fromDisk.errors[0]?.params).toEqual({ encoding: 'utf-8' });
    const [kept] = await rowsOf(fromDisk.runId);
    expect(kept?.field).toBe('full_name, position, status');
    expect(kept?.values).toMatchObject({ officer_id: 'BE-X', unit_code: '00226', full_name: 'Tr\uFFFDn V\uFFFDn Bi\uFFFDnh' });
    const uploaded = await ingestFile(t.store, 'officers', bufferSource('roster-mixed-encodings.csv', body), { wayIn: 'http', sealer: t.sealer });
    expect(uploaded).toMatchObject({ read: 902, stored: 0, duplicates: 901, quarantined: 1, errors: fromDisk.errors });
    expect(await count("SELECT count() AS n FROM officers WHERE officer_id = 'BE-X'")).toBe(0);
  });
});

describe('oversized input', () => {
  it('refuses a line longer than any record could be, saying which line', async () => {
    const file = writeFile('huge-line.csv', `${ROSTER_HEADER}\nVM-100,00226,"${'A'.repeat(5 * 1024 * 1024)}",Nam,1975,MTTQ,Chủ tịch,,Đang công tác,16/09/2025\n`);
    await expect(load('officers', file)).rejects.toThrow(/huge-line\.csv: line 2: a record longer than 4 MiB/);
  });

  it('records a refused file as a failed run', async () => {
    const [run] = await t.store.query<{ status: string; message: string }>(
      "SELECT toString(status) AS status, message FROM ingest_runs FINAL WHERE file LIKE '%huge-line.csv' ORDER BY started_at DESC LIMIT 1",
    );
    expect(run?.status).toBe('failed');
    expect(run?.message).toMatch(/longer than/);
    expect(fs.existsSync(t.dataDir)).toBe(true);
  });
});

describe('a roster checked a few rows at a time (as a large file is)', () => {
  it('finds a row repeating or contradicting an earlier one wherever the two stand, and orders the errors by row', async () => {
    const officer = (id: string, name: string, unit = '00226') => `${id},${unit},${name},Nam,1975,MTTQ,Ủy viên,,Đang công tác,16/09/2025`;
    const file = roster([
      officer('VR-001', 'Nguyễn Văn A'),
      officer('VR-002', 'Trần Văn B'),
      officer('VR-003', 'Lê Văn C', '99999'),
      ...Array.from({ length: 30 }, (_, i) => officer(`VR-${100 + i}`, `Phạm Văn ${i}`)),
      officer('VR-001', 'Nguyễn Văn A'),
      officer('VR-002', 'Trần Văn Bình'),
    ]);
    // Ranges of at most 3 rows: the rows of VR-001 and VR-002, 33 rows apart, are still checked together.
    const summary = await ingestFile(t.store, 'officers', fileSource(file), { wayIn: 'cli', checkRangeRows: 3 });
    expect(summary).toMatchObject({ read: 35, stored: 32, duplicates: 1, quarantined: 2 });
    expect(summary.errors.map((e) => [e.row, e.field])).toEqual([
      [4, 'unit_code'],
      [36, 'officer_id'],
    ]);
    expect(summary.errors[1]?.message).toBe('is also on row 3 with other values');
    expect(await count("SELECT count() AS n FROM officers FINAL WHERE officer_id LIKE 'VR-%'")).toBe(32);
    expect((await rowsOf(summary.runId)).map((r) => r.row)).toEqual([4, 36]);
  });
});

describe('CSV rows with cells past the header', () => {
  // "Trần Thị Bích, Hoa" without quotes: the name splits and every cell after it shifts one column to the right. The
  // last row's shift puts a date in the update column, which would load a wrong roster row if the cells were dropped.
  const lines = [
    ROSTER_HEADER,
    'VX-001,00226,Nguyễn Văn An,Nam,1975,MTTQ,Chủ tịch,0912000001,Đang công tác,16/09/2025',
    'VX-002,00226,Trần Thị Bích, Hoa,Nữ,1980,MTTQ,Ủy viên,,Đang công tác,16/09/2025',
    // Empty cells past the header lose nothing: a row saved with trailing delimiters loads.
    'VX-003,00226,Lê Văn Cường,Nam,1970,Hội Nông dân,Chủ tịch,,Đang công tác,16/09/2025,,',
    // A cell written four past the header, after three empty ones.
    'VX-004,00226,Phạm Thị Dung,Nữ,1990,Đoàn Thanh niên,Bí thư,,Đang công tác,16/09/2025,,,,ghi chú',
  ];
  const message = "has cells past the last of the header's 10 columns: a comma, semicolon or tab inside a cell needs the cell in double quotes, or every cell after it shifts";

  it('quarantines them in the engine, from disk or uploaded, with the cells past the header kept', async () => {
    const body = Buffer.from(lines.join('\n'));
    const fromDisk = await load('officers', writeFile('roster-shifted.csv', body));
    balanced(fromDisk);
    expect(fromDisk).toMatchObject({ read: 4, stored: 2, quarantined: 2 });
    expect(fromDisk.errors).toEqual([
      { row: 3, field: 'row', code: 'cells_past_header', params: { columns: '10' }, message },
      { row: 5, field: 'row', code: 'cells_past_header', params: { columns: '10' }, message },
    ]);
    expect(await count("SELECT count() AS n FROM officers FINAL WHERE officer_id IN ('VX-001', 'VX-003')")).toBe(2);
    expect(await count("SELECT count() AS n FROM officers FINAL WHERE officer_id IN ('VX-002', 'VX-004')")).toBe(0);
    const kept = await rowsOf(fromDisk.runId);
    expect(kept.map((r) => [r.row, r.values.full_name, r.values.extra_cells])).toEqual([
      [3, 'Trần Thị Bích', '16/09/2025'],
      [5, 'Phạm Thị Dung', ' |  |  | ghi chú'],
    ]);
    // The correction file shows them in a column of their own.
    const [header, first] = parse(await text(correctionFile(t.store, fromDisk.runId))) as string[][];
    expect(header?.at(-2)).toBe('extra_cells');
    expect(first?.at(-2)).toBe('16/09/2025');
    // Split in JavaScript (an upload), the rows and reasons are the same.
    const uploaded = await ingestFile(t.store, 'officers', bufferSource('roster-shifted.csv', body), { wayIn: 'http', sealer: t.sealer });
    expect(uploaded).toMatchObject({ read: 4, stored: 0, duplicates: 2, quarantined: 2, errors: fromDisk.errors });
  });

  it('quarantines them in JavaScript, with the cells sealed as personal data for a petition', async () => {
    const header = 'Mã đơn,Ngày tiếp nhận,Kênh,Mã xã,Nội dung,Họ tên,Điện thoại';
    const file = writeFile(
      'don-thu-lech.csv',
      [
        header,
        'X-1,16/09/2025,zalo,00226,Đề nghị sửa đèn chiếu sáng ngõ 12,Nguyễn Thị Lan,0912345678',
        'X-2,16/09/2025,zalo,00226,Đề nghị sửa đèn, chiếu sáng ngõ 14,Trần Văn Hùng,0987654321',
        'X-3,16/09/2025,zalo,00226,Đề nghị sửa đèn chiếu sáng ngõ 16,Lê Thị Mai,0903000000,',
      ].join('\n'),
    );
    const summary = await load('petitions', file);
    balanced(summary);
    expect(summary).toMatchObject({ read: 3, stored: 2, quarantined: 1 });
    expect(summary.errors).toEqual([{ row: 3, field: 'row', code: 'cells_past_header', params: { columns: '7' }, message: message.replace('10 columns', '7 columns') }]);
    const raw = await t.store.query<{ raw: string }>('SELECT raw FROM ingest_quarantine WHERE run_id = {run:String}', { run: summary.runId });
    expect(raw.map((r) => r.raw).join()).not.toMatch(/0987654321|Trần Văn Hùng/);
    // Every cell of a row read wrong is sealed: a contact shifted into another column is as personal as in its own.
    const kept = JSON.parse(raw[0]?.raw ?? '{}') as Record<string, string>;
    expect(Object.entries(kept).filter(([field, value]) => field !== '_sealed' && value !== '')).toEqual([]);
    expect((await rowsOf(summary.runId))[0]).toMatchObject({ personalHidden: true });
    const [opened] = await rowsOf(summary.runId, true);
    expect(opened?.values).toMatchObject({ text: 'Đề nghị sửa đèn', petitioner_name: ' chiếu sáng ngõ 14', phone: 'Trần Văn Hùng', extra_cells: '0987654321' });
    const [columns, row] = parse(await text(correctionFile(t.store, summary.runId, loadSealer(t.config)))) as string[][];
    expect(row?.[columns?.indexOf('extra_cells') ?? -1]).toBe('0987654321');
    expect(row?.[columns?.indexOf('text') ?? -1]).toBe('Đề nghị sửa đèn');
  });

  it('seals a petition row short of a cell whole, as its contact moved into open fields', async () => {
    const header = 'Mã đơn,Ngày tiếp nhận,Kênh,Mã xã,Tiêu đề,Nội dung,Họ tên,Điện thoại';
    const file = writeFile(
      'don-thu-thieu-o.csv',
      [
        header,
        'XS-1,16/09/2025,zalo,00226,Đèn hỏng,Đề nghị sửa đèn chiếu sáng ngõ 12,Nguyễn Thị Lan,0912345678',
        // The title left out: the text moves under the title, the name under the text, the phone under the name.
        // Before, the row was stored so, the name shown to every reader of the text.
        'XS-2,16/09/2025,zalo,00226,Đề nghị sửa đèn chiếu sáng ngõ 14,Trần Văn Hùng,0987654321',
      ].join('\n'),
    );
    const summary = await load('petitions', file);
    balanced(summary);
    expect(summary).toMatchObject({ read: 2, stored: 1, quarantined: 1 });
    expect(summary.errors).toMatchObject([{ row: 3, field: 'row', code: 'cells_missing', params: { cells: '7', columns: '8' } }]);
    expect(summary.errors[0]?.message).toMatch(/^has 7 cells where the header has 8/);
    expect(await count("SELECT count() AS n FROM petitions WHERE petition_id = 'XS-2'")).toBe(0);
    const raw = await t.store.query<{ raw: string }>('SELECT raw FROM ingest_quarantine WHERE run_id = {run:String}', { run: summary.runId });
    expect(raw.map((r) => r.raw).join()).not.toMatch(/0987654321|Trần Văn Hùng|ngõ 14/);
    expect((await rowsOf(summary.runId, true))[0]?.values).toMatchObject({ text: 'Trần Văn Hùng', petitioner_name: '0987654321' });
    // A kind without contacts takes a short row as its last cells left out.
    const posts = await load('opinion_posts', writeFile('bai-viet-thieu-o.csv', ['Nguồn,Đường dẫn,Nội dung,Thời gian đăng,Mã tỉnh,Lượt thích', 'Facebook,https://fb.example/p/short-1,Bài viết về đê bao,15/09/2025 20:15,42'].join('\n')));
    expect(posts).toMatchObject({ read: 1, stored: 1, quarantined: 0 });
  });

  it("seals a petition's line that is not a JSON object whole, as it may hold a contact", async () => {
    const file = writeFile(
      'don-thu-hong.jsonl',
      [
        petition('JX-1'),
        // A trailing comma: not JSON. Before, the line was kept and shown in the clear to whoever saw the run.
        '{"ma_don": "JX-2", "noi_dung": "Đề nghị sửa đường", "ho_ten": "Đỗ Văn Kiểm", "dien_thoai": "0977000666",}',
      ].join('\n'),
    );
    const summary = await load('petitions', file);
    expect(summary).toMatchObject({ read: 2, stored: 1, quarantined: 1 });
    const raw = await t.store.query<{ raw: string }>('SELECT raw FROM ingest_quarantine WHERE run_id = {run:String}', { run: summary.runId });
    expect(raw.map((r) => r.raw).join()).not.toMatch(/0977000666|Kiểm|sửa đường/);
    expect((await rowsOf(summary.runId))[0]).toMatchObject({ values: { _text: '' }, personalHidden: true });
    expect((await rowsOf(summary.runId, true))[0]?.values._text).toContain('"dien_thoai": "0977000666"');
    const [columns, row] = parse(await text(correctionFile(t.store, summary.runId, loadSealer(t.config)))) as string[][];
    expect(row?.[columns?.indexOf('_text') ?? -1]).toContain('Đỗ Văn Kiểm');
  });

  it('takes a workbook cell in a column with no header as an unnamed column', async () => {
    const file = await writeXlsx('roster-note.xlsx', [
      { rows: [ROSTER_HEADER.split(','), ['VX-010', '00226', 'Vũ Văn Mười', 'Nam', 1972, 'MTTQ', 'Ủy viên', '', 'Đang công tác', '16/09/2025', 'nghỉ phép']] },
    ]);
    expect(await load('officers', file)).toMatchObject({ read: 1, stored: 1, quarantined: 0 });
  });
});

describe("reasons in the reader's language", () => {
  it('words the faults found in the engine and in JavaScript in Vietnamese when asked, and keeps them for either language', async () => {
    const file = roster([
      'VL-001,99999,Nguyễn Văn An,Nam,1975,MTTQ,Chủ tịch,,Đang công tác,16/09/2025',
      'VL-002,00226,Trần Thị Bích,Nữ,1850,Hội Phụ nữ,Thủ quỹ,,Đang công tác,31/02/2025',
    ]);
    const vi = await t.load('officers', file, { lang: 'vi' });
    expect(vi.errors.map((e) => [e.row, e.field, e.code, e.message])).toEqual([
      [2, 'unit_code', 'unit_not_in_force', expect.stringMatching(/^"99999" không phải là mã tỉnh, mã xã hoặc mã thôn, tổ dân phố còn hiệu lực vào ngày \d{2}\/\d{2}\/\d{4}$/)],
      [3, 'position', 'not_position', '"Thủ quỹ" không phải là chức vụ nào trong danh mục (chu_tich, pho_chu_tich, uy_vien_thuong_truc, uy_vien, can_bo)'],
      [3, 'birth_year', 'not_birth_year', expect.stringMatching(/^"1850" không phải là năm sinh từ 1920 đến \d{4}$/)],
      [3, 'updated_at', 'not_date', '"31/02/2025" không phải là ngày'],
    ]);
    // Kept as codes: the same run reads in English, and in Vietnamese, with every fault of a row joined.
    const en = await rowsOf(vi.runId);
    expect(en.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^"99999" is not a province, commune or village in force on /),
      expect.stringMatching(/^"Thủ quỹ" is not a position \(.*\); "1850" is not a birth year from 1920 to \d{4}; "31\/02\/2025" is not a date$/),
    ]);
    const inVietnamese: string[] = [];
    for await (const r of quarantinedRows(t.store, vi.runId, undefined, 'vi')) inVietnamese.push(r.reason);
    expect(inVietnamese[1]).toMatch(/^"Thủ quỹ" không phải là chức vụ .*; "1850" không phải là năm sinh .*; "31\/02\/2025" không phải là ngày$/);
    const [header, first] = parse(await text(correctionFile(t.store, vi.runId, undefined, 'vi'))) as string[][];
    expect(header?.at(-1)).toBe('lý do (reason)');
    expect(first?.at(-1)).toMatch(/^"99999" không phải là mã tỉnh/);

    const petitions = writeFile('don-thu-vi.jsonl', [petition('VL-P1', { ngay_tiep_nhan: 'hôm qua', dien_thoai: '12345' }), petition('VL-P2', { noi_dung: '' })].join('\n'));
    const js = await t.load('petitions', petitions, { lang: 'vi' });
    expect(js.errors.map((e) => [e.row, e.field, e.message])).toEqual([
      [1, 'received_at', '"hôm qua" không phải là ngày giờ'],
      [1, 'phone', 'không phải là số điện thoại Việt Nam (10 hoặc 11 chữ số, bắt đầu bằng 0 hoặc +84)'],
      [2, 'text', 'đang để trống'],
    ]);
  });

  it("keeps a fault's values whole when a cell holds the separators the codes are kept with", async () => {
    // U+001F and U+001E separate a fault's values and a row's faults: a cell holding them must not move the values after.
    const file = roster(['VL-010,00226,Nguyễn Văn An,Nam,1975,Câu lạc bộ\u001fCờ\u001etướng,Chủ tịch,,Đang công tác,16/09/2025']);
    const summary = await t.load('officers', file, { lang: 'vi' });
    expect(summary.errors).toEqual([
      { row: 2, field: 'organisation', code: 'not_organisation', params: expect.objectContaining({ value: 'Câu lạc bộ Cờ tướng' }), message: '"Câu lạc bộ Cờ tướng" không phải là tổ chức nào trong danh mục (mttq, cong_doan, hoi_nong_dan, hoi_phu_nu, doan_thanh_nien, hoi_cuu_chien_binh)' },
    ]);
    const [kept] = await rowsOf(summary.runId);
    expect(kept?.reason).toBe('"Câu lạc bộ Cờ tướng" is not an organisation (mttq, cong_doan, hoi_nong_dan, hoi_phu_nu, doan_thanh_nien, hoi_cuu_chien_binh)');
  });

  it('gives the reasons of a run kept before faults were codes as they were written', async () => {
    await t.store.insert('ingest_quarantine', [
      { run_id: 'R-LEGACY', kind: 'officers', row_number: 4, field: 'unit_code', reason: '"99999" is not a province, commune or village in force on 2025-09-16', raw: '{}', quarantined_at: '2025-09-16 08:00:00.000' },
    ]);
    const rows: string[] = [];
    for await (const r of quarantinedRows(t.store, 'R-LEGACY', undefined, 'vi')) rows.push(r.reason);
    expect(rows).toEqual(['"99999" is not a province, commune or village in force on 2025-09-16']);
  });
});

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let all = '';
  for await (const c of chunks) all += c;
  return all.replace(/^\uFEFF/, '');
}
