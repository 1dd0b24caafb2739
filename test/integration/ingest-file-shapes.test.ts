/**
 * Files as offices save them, read into the real engine on top of the real registry: line ends of any kind (CR only
 * from Excel's "CSV (Macintosh)", mixed), quotes never closed or stray, byte-order marks and NUL bytes inside, a title
 * above the header without a delimiter, empty rows, workbook cells holding errors and formulas. Each loses no row, and
 * numbers rows as the file's lines, on both ways a CSV is read: in the engine (officers, weekly reports) and in
 * JavaScript (petitions, posts, villages).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { IngestSummary } from '../../ingest/pipeline/run.js';
import { ingestFile } from '../../ingest/pipeline/ingest.js';
import { bufferSource } from '../../ingest/readers/index.js';
import { openIngestStore, tempDir } from '../support/store.js';
import { writeFile } from '../support/files.js';

let t: Awaited<ReturnType<typeof openIngestStore>>;
beforeAll(async () => {
  t = await openIngestStore();
});
afterAll(async () => t.close());

const balanced = (s: IngestSummary) => expect(s.read).toBe(s.stored + s.duplicates + s.quarantined);
const errorsOf = (s: IngestSummary) => s.errors.map((e) => [e.row, e.field]);
const column = async (sql: string) => (await t.store.query<{ v: string }>(sql)).map((r) => r.v);
const upload = (kind: 'officers' | 'petitions', name: string, body: string) =>
  ingestFile(t.store, kind, bufferSource(name, Buffer.from(body)), { wayIn: 'http', sealer: t.sealer });

const ROSTER_HEADER = 'Mã cán bộ,Mã đơn vị,Họ và tên,Giới tính,Năm sinh,Tổ chức,Chức vụ,Điện thoại,Trạng thái,Ngày cập nhật';
const officer = (id: string, name: string, unit = '00226') => `${id},${unit},${name},Nam,1975,MTTQ,Ủy viên,,Đang công tác,16/09/2025`;
const PETITION_HEADER = 'Mã đơn,Ngày tiếp nhận,Kênh,Mã xã,Tiêu đề,Nội dung,Họ tên người gửi,Điện thoại';
const petition = (id: string, text: string, received = '15/09/2025 08:12') => `${id},${received},Trực tiếp,00226,Tiêu đề,${text},Nguyễn Văn Nam,0912345678`;
const WEEKLY_HEADER =
  'Mã đơn vị;Tuần;Đơn thư, kiến nghị tiếp nhận;Đơn thư, kiến nghị đã giải quyết;Hội nghị, cuộc họp đã tổ chức;Cuộc giám sát, phản biện;Lượt người dân được tuyên truyền;Hộ được hỗ trợ an sinh;Giá trị hỗ trợ an sinh';
const POSTS_HEADER = 'Nguồn;Tên nguồn;Đường dẫn;Nội dung;Thời gian đăng;Mã tỉnh;Mã xã;Lượt thích;Chia sẻ;Bình luận';
const post = (n: number, published = '15/09/2025 20:15') =>
  `Facebook;Nhóm Cư dân;https://fb.example/p/${n};"Bài viết số ${n} về đê bao sạt lở";${published};42;18673;1;0;0`;

describe('line ends', () => {
  it('reads a roster saved with CR only, from disk and uploaded, numbering rows as its lines', async () => {
    const body = [ROSTER_HEADER, officer('LE-001', 'Nguyễn Văn An'), officer('LE-002', 'Trần Thị Bích', '99999'), officer('LE-003', 'Lê Văn Cường'), ''].join('\r');
    const fromDisk = await t.load('officers', writeFile('can-bo-mac.csv', body));
    balanced(fromDisk);
    expect(fromDisk).toMatchObject({ read: 3, stored: 2, quarantined: 1 });
    expect(errorsOf(fromDisk)).toEqual([[3, 'unit_code']]);
    const uploaded = await upload('officers', 'can-bo-mac.csv', body);
    expect(uploaded).toMatchObject({ read: 3, duplicates: 2, quarantined: 1, errors: fromDisk.errors });
  });

  it('reads a weekly report under a title block whose lines end with CR, CRLF and LF mixed', async () => {
    const body = `BÁO CÁO KẾT QUẢ CÔNG TÁC MẶT TRẬN;;;;;;;;\r\nTuần 37 năm 2025;;;;;;;;\r${WEEKLY_HEADER}\n00004;Tuần 37/2025;12;9;3;1;1.250;14;"42,5"\r00008;Tuần 37/2025;7;7;2;;860;6;18\r\n01;2025-W37;45;38;5;2;12.400;120;"310,75"\n06970;08/09/2025;3;2;1;0;300;;\r00004;Tuần 38/2025;abc;9;3;1;1.250;14;5\n`;
    const summary = await t.load('weekly_reports', writeFile('bao-cao-tuan.csv', body));
    balanced(summary);
    expect(summary).toMatchObject({ read: 5, quarantined: 1 });
    expect(errorsOf(summary)).toEqual([[8, 'petitions_received']]);
  });

  it('reads petitions with mixed line ends and line breaks inside a text, numbering later rows right', async () => {
    const body = `${PETITION_HEADER}\r\n${petition('LE-P-001', '"Dòng một\r\ndòng hai\rdòng ba"')}\r${petition('LE-P-002', 'Đèn đường hỏng')}\n${petition('LE-P-003', 'Ngập nước', '32/13/2025')}\r\n`;
    const summary = await t.load('petitions', writeFile('don-thu-mixed.csv', body));
    balanced(summary);
    expect(summary).toMatchObject({ read: 3, stored: 2, quarantined: 1 });
    expect(errorsOf(summary)).toEqual([[6, 'received_at']]);
    expect(await column("SELECT text AS v FROM petitions FINAL WHERE petition_id = 'LE-P-001'")).toEqual(['Dòng một\ndòng hai\ndòng ba']);
  });
});

describe('quotes', () => {
  const unclosed = (row: number, line = row) => ({ row, field: 'row', code: 'unclosed_quote', params: { line: String(line) } });

  it('quarantines only the roster row whose quote is never closed, and loads a name with a stray quote as written', async () => {
    const body = [
      ROSTER_HEADER,
      officer('QU-001', 'Nguyễn Văn An'),
      officer('QU-002', '"Trần Văn Bình'),
      officer('QU-003', 'Lê Văn "Út" Cường'),
      officer('QU-004', 'Phạm "Thị Dung'),
      officer('QU-005', 'Hoàng Văn Em'),
    ].join('\n');
    for (const summary of [await t.load('officers', writeFile('can-bo-ngoac.csv', body)), await upload('officers', 'can-bo-ngoac.csv', body)]) {
      balanced(summary);
      expect(summary).toMatchObject({ read: 5, quarantined: 1 });
      expect(summary.errors).toMatchObject([unclosed(3)]);
    }
    expect(await column("SELECT full_name AS v FROM officers FINAL WHERE officer_id IN ('QU-003', 'QU-004') ORDER BY officer_id")).toEqual([
      'Lê Văn "Út" Cường',
      'Phạm "Thị Dung',
    ]);
  });

  it('quarantines only the petition whose quote is never closed, even on the last line', async () => {
    const body = [PETITION_HEADER, petition('QU-P-001', 'Đèn đường'), petition('QU-P-002', '"Không đóng ngoặc'), petition('QU-P-003', 'Rác thải'), petition('QU-P-004', '"Cuối tệp')].join('\n');
    const summary = await t.load('petitions', writeFile('don-thu-ngoac.csv', body));
    balanced(summary);
    expect(summary).toMatchObject({ read: 4, stored: 2, quarantined: 2 });
    expect(summary.errors).toMatchObject([unclosed(3), unclosed(5)]);
  });
});

describe('cells', () => {
  it('strips a byte-order mark and NUL bytes inside the file from cells, so an id is one id', async () => {
    const body = `${ROSTER_HEADER}\n${officer('BM-001', 'Nguyễn Văn An')}\n\uFEFF${officer('BM-001', 'Nguyễn Văn An')}\n${officer('BM-002\u0000', 'Trần\u0000 Văn Bình')}\n`;
    const summary = await t.load('officers', writeFile('can-bo-bom.csv', body));
    balanced(summary);
    expect(summary).toMatchObject({ read: 3, stored: 2, duplicates: 1, quarantined: 0 });
    expect(await column("SELECT full_name AS v FROM officers FINAL WHERE startsWith(officer_id, 'BM-') OR position(officer_id, 'BM-') > 0 ORDER BY officer_id")).toEqual([
      'Nguyễn Văn An',
      'Trần Văn Bình',
    ]);
  });

  it('counts a roster row written only in a column no field takes, and quarantines it', async () => {
    const body = [`${ROSTER_HEADER},Ghi chú`, `${officer('UM-001', 'Nguyễn Văn An')},`, ',,,,,,,,,,chỉ có ghi chú', `${officer('UM-002', 'Trần Văn Bình')},`].join('\n');
    const summary = await t.load('officers', writeFile('can-bo-ghi-chu.csv', body));
    balanced(summary);
    expect(summary).toMatchObject({ read: 3, stored: 2, quarantined: 1 });
    expect(summary.errors[0]).toMatchObject({ row: 3, field: 'officer_id', code: 'empty' });
  });
});

describe('title blocks and empty rows', () => {
  it('finds the semicolon below a title without one, or below empty lines', async () => {
    const rows = ['00004;Tuần 36/2025;12;9;3;1;1.250;14;"42,5"', '00008;Tuần 36/2025;7;7;2;;860;6;18'];
    const titled = await t.load('weekly_reports', writeFile('tuan-tieu-de.csv', ['BÁO CÁO TUẦN 36', WEEKLY_HEADER, ...rows].join('\n')));
    expect(titled).toMatchObject({ read: 2, quarantined: 0 });
    const blank = await t.load('opinion_posts', writeFile('du-luan.csv', ['', '', POSTS_HEADER, post(1), post(2, '99/99/2025')].join('\n')));
    expect(blank).toMatchObject({ read: 2, stored: 1, quarantined: 1 });
    expect(errorsOf(blank)).toEqual([[5, 'published_at']]);
  });

  it('skips empty lines and lines of delimiters only in petitions, as the engine does for rosters', async () => {
    const body = [PETITION_HEADER, petition('BL-P-001', 'Đèn đường'), '', ',,,,,,,', petition('BL-P-002', 'Ngập', '32/13/2025'), '  ', petition('BL-P-003', 'Rác')].join('\n');
    const summary = await t.load('petitions', writeFile('don-thu-trong.csv', body));
    balanced(summary);
    expect(summary).toMatchObject({ read: 3, stored: 2, quarantined: 1 });
    expect(errorsOf(summary)).toEqual([[5, 'received_at']]);
  });
});

describe('workbook cells', () => {
  it('reads an error as its text and a formula without a value as the formula, never "[object Object]"', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Cán bộ');
    ws.addRow(ROSTER_HEADER.split(','));
    ws.addRow(officer('XL-001', 'Nguyễn Văn An').split(','));
    const errorRow = ws.addRow(officer('XL-002', 'Trần Văn Bình').split(','));
    errorRow.getCell(5).value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    const formulaRow = ws.addRow(officer('XL-003', 'Lê Văn Cường').split(','));
    formulaRow.getCell(5).value = { formula: 'NA()' } as ExcelJS.CellFormulaValue;
    const zeroRow = ws.addRow(officer('XL-004', 'Phạm Văn Dũng').split(','));
    zeroRow.getCell(8).value = { formula: 'A1-A1', result: 0 } as ExcelJS.CellFormulaValue;
    const file = `${tempDir('front-pulse-files-')}/can-bo-loi.xlsx`;
    await workbook.xlsx.writeFile(file);
    const summary = await t.load('officers', file);
    balanced(summary);
    expect(summary).toMatchObject({ read: 4, quarantined: 3 });
    expect(summary.errors.map((e) => [e.row, e.field, e.params?.value])).toEqual([
      [3, 'birth_year', '#N/A'],
      [4, 'birth_year', '=NA()'],
      [5, 'phone', '0'],
    ]);
  });
});

describe('two columns for one field', () => {
  it('takes the unit code from "Mã đơn vị" when the unit\'s name stands before it as "Đơn vị", from disk or uploaded', async () => {
    // Before, the first column took the field: every row was quarantined with its unit's name as an unknown code.
    const header = 'Mã cán bộ,Họ và tên,Đơn vị,Mã đơn vị,Giới tính,Năm sinh,Tổ chức,Chức vụ,Trạng thái,Ngày cập nhật';
    const row = (id: string, name: string) => `${id},${name},Phường Văn Miếu - Quốc Tử Giám,00226,Nữ,1980,MTTQ,Ủy viên,Đang công tác,16/09/2025`;
    const body = [header, row('TC-001', 'Đỗ Thị Mai'), row('TC-002', 'Ngô Văn Bảy')].join('\n');
    const fromDisk = await t.load('officers', writeFile('can-bo-hai-cot.csv', body));
    expect(fromDisk).toMatchObject({ read: 2, stored: 2, quarantined: 0 });
    expect(await upload('officers', 'can-bo-hai-cot.csv', body)).toMatchObject({ read: 2, duplicates: 2 });
    expect(await column("SELECT DISTINCT unit_code AS v FROM officers FINAL WHERE officer_id LIKE 'TC-%'")).toEqual(['00226']);
  });

  it('takes a JSON line\'s "mã xã" over its "mã tỉnh" for a weekly report\'s unit, whichever comes first', async () => {
    const lines = [
      { 'mã tỉnh': '01', 'mã xã': '00226', tuần: 'Tuần 37/2025', 'chỉ tiêu': 'meetings_held', 'giá trị': '3' },
      { 'mã xã': '00004', 'mã tỉnh': '01', tuần: 'Tuần 37/2025', 'chỉ tiêu': 'meetings_held', 'giá trị': '2' },
    ];
    const summary = await t.load('weekly_reports', writeFile('bao-cao.jsonl', lines.map((l) => JSON.stringify(l)).join('\n')));
    expect(summary).toMatchObject({ read: 2, stored: 2, quarantined: 0 });
    expect(await column(`SELECT unit_code AS v FROM weekly_reports FINAL WHERE ingest_run_id = '${summary.runId}' ORDER BY v`)).toEqual(['00004', '00226']);
  });
});

describe('JSON Lines', () => {
  it('ends a line with a lone CR too', async () => {
    const line = (id: string, received: string) => JSON.stringify({ 'mã đơn': id, 'ngày tiếp nhận': received, kênh: 'Zalo', 'mã xã': '00226', 'nội dung': `Nội dung ${id}` });
    const summary = await t.load('petitions', writeFile('don-thu.jsonl', [line('JC-001', '2025-09-15 08:12'), line('JC-002', 'bad'), line('JC-003', '2025-09-15 08:12')].join('\r')));
    balanced(summary);
    expect(summary).toMatchObject({ read: 3, stored: 2, quarantined: 1 });
    expect(errorsOf(summary)).toEqual([[2, 'received_at']]);
  });

  it('says why a line is not JSON without quoting it: the line may hold a name and a phone', async () => {
    const good = JSON.stringify({ 'mã đơn': 'JN-001', 'ngày tiếp nhận': '2025-09-15 08:12', kênh: 'Zalo', 'mã xã': '00226', 'nội dung': 'Đèn đường hỏng' });
    // A line cut out of a spreadsheet, not JSON: V8's message would quote it ('Unexpected token…, "JN-002 Lê…" is not valid JSON').
    const summary = await t.load('petitions', writeFile('don-thu-hong.jsonl', [good, 'JN-002 Lê Thị Hoa 0912345678 Đề nghị sửa đường'].join('\n')));
    balanced(summary);
    expect(summary).toMatchObject({ read: 2, stored: 1, quarantined: 1 });
    expect(summary.errors[0]).toMatchObject({ row: 2, field: 'row', code: 'not_json', params: { detail: "Unexpected token 'J'" } });
    const reasons = await column(`SELECT reason AS v FROM ingest_quarantine WHERE run_id = '${summary.runId}'`);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).not.toMatch(/0912345678|Lê Thị Hoa/);
  });

  it('quarantines a field given as an object or an array, sealed whole for a petition, and takes numbers, true and null', async () => {
    const base = { 'mã đơn': 'JO-001', 'ngày tiếp nhận': '2025-09-15 08:12', kênh: 'Zalo', 'mã xã': '00226', 'nội dung': 'Đèn đường hỏng' };
    const lines = [
      { ...base, 'đồng ý liên hệ': true, 'điện thoại': null },
      // Before, stored with the petitioner's name and phone as the JSON text of an object, in a field shown to readers.
      { ...base, 'mã đơn': 'JO-002', 'họ tên người gửi': { 'họ': 'Lê Thị', 'tên': 'Hoa', sđt: '0912345678' } },
      { ...base, 'mã đơn': 'JO-003', 'nội dung': ['Đèn đường hỏng', 'ngõ 12'] },
    ];
    const summary = await t.load('petitions', writeFile('don-thu-long.jsonl', lines.map((l) => JSON.stringify(l)).join('\n')));
    balanced(summary);
    expect(summary).toMatchObject({ read: 3, stored: 1, quarantined: 2 });
    expect(summary.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [2, 'petitioner_name', 'not_json_value'],
      [3, 'text', 'not_json_value'],
    ]);
    expect(await column(`SELECT raw AS v FROM ingest_quarantine WHERE run_id = '${summary.runId}'`)).not.toContainEqual(expect.stringMatching(/0912345678|Hoa/));
    expect(await column("SELECT petition_id AS v FROM petitions WHERE petition_id LIKE 'JO-%'")).toEqual(['JO-001']);
    // A roster in JSON Lines, checked in the engine: the same.
    const roster = [
      { 'mã cán bộ': 'JO-101', 'mã đơn vị': '00226', 'họ và tên': 'Phạm Văn Đức', 'tổ chức': 'MTTQ', 'chức vụ': 'Ủy viên', 'năm sinh': 1975 },
      { 'mã cán bộ': 'JO-102', 'mã đơn vị': '00226', 'họ và tên': 'Vũ Thị Em', 'tổ chức': 'MTTQ', 'chức vụ': ['Ủy viên', 'Thư ký'] },
    ];
    const officers = await t.load('officers', writeFile('can-bo.jsonl', roster.map((l) => JSON.stringify(l)).join('\n')));
    balanced(officers);
    expect(officers).toMatchObject({ read: 2, stored: 1, quarantined: 1 });
    expect(officers.errors.map((e) => [e.row, e.field, e.code])).toEqual([[2, 'position', 'not_json_value']]);
  });
});
