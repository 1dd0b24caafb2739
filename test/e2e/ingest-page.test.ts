/**
 * Loading data from the dashboard in real Chromium: the ward's officer uploads a roster with two good rows, one naming
 * a unit that does not exist and one of another ward; the page shows what was stored and each row kept back with its
 * row and reason; the run's quarantine opens from the list of loads; the correction file downloads, is corrected and
 * goes back as a re-submission of the run. An analyst, who may not write, gets no form. Screenshots of each state.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, launchBrowser, logIn, screenshotPath, serveDemo, type DemoServer } from '../support/browser.js';
import { tempDir } from '../support/store.js';
import { encodeLegacy } from '../../analytics/nlp/legacy-encodings.js';

let server: DemoServer;
let officer: BrowserContext;
let page: Page;
let runId = '';
const WAIT = { timeout: 20_000 };
const dir = tempDir('front-pulse-upload-');

const HEADER = 'Mã cán bộ,Mã đơn vị,Họ và tên,Giới tính,Năm sinh,Tổ chức,Chức vụ,Điện thoại,Trạng thái,Ngày cập nhật';
const ROSTER = [
  HEADER,
  'VM-T01,00226,Nguyễn Thị Hoa,Nữ,1985,Mặt trận Tổ quốc,Ủy viên,0912 000 101,Đang công tác,16/09/2025',
  'VM-T02,00226,Trần Văn Nam,Nam,1979,Hội Nông dân,Chủ tịch,,Đang công tác,16/09/2025',
  'VM-T03,99999,Lê Văn Xuân,Nam,1990,Đoàn Thanh niên,Bí thư,,Đang công tác,16/09/2025',
  'VM-T04,00004,Phạm Thị Thu,Nữ,1992,Hội Phụ nữ,Ủy viên,,Đang công tác,16/09/2025',
].join('\n');

beforeAll(async () => {
  // A small upload limit, to see the page refuse a larger file before sending it.
  server = await serveDemo({ env: { INGEST_MAX_BYTES: '4MB' } });
  officer = await launchBrowser();
  await logIn(officer, server.base, 'vanmieu', DEMO_PASSWORD);
  page = await officer.newPage();
}, 240_000);

afterAll(async () => {
  await officer?.close();
  await server?.close();
});

describe('loading a file from the dashboard', () => {
  it('is offered in the navigation to a ward officer, with the columns each kind needs', async () => {
    await page.goto(`${server.base}/`);
    await page.getByRole('link', { name: 'Nạp dữ liệu' }).click();
    await page.waitForURL(/\/nap-du-lieu/);
    await expect.poll(() => page.locator('h1').innerText(), WAIT).toBe('Nạp dữ liệu');
    await page.getByLabel('Loại dữ liệu').selectOption({ label: 'Danh sách cán bộ' });
    expect(await page.locator('form.load').innerText()).toContain('Cột cần có: Mã cán bộ, Mã đơn vị, Họ và tên, Tổ chức, Chức vụ');
    // The encodings a file may be declared in, as the API reads them, after "detected".
    expect((await page.getByLabel('Bảng mã').locator('option').allInnerTexts()).slice(1)).toEqual(['utf-8', 'utf-16le', 'utf-16be', 'windows-1258', 'tcvn3', 'vni']);
    // The blank workbook of the kind chosen, which the officer's session may download.
    const template = page.getByRole('link', { name: 'tải tệp Excel mẫu' });
    expect(await template.getAttribute('href')).toBe('/api/ingest/template/officers');
    await page.getByLabel('Loại dữ liệu').selectOption({ label: 'Đơn thư, kiến nghị, phản ánh' });
    expect(await template.getAttribute('href')).toBe('/api/ingest/template/petitions');
    const workbook = await officer.request.get(`${server.base}/api/ingest/template/petitions`);
    expect(workbook.status()).toBe(200);
    expect(workbook.headers()['content-disposition']).toBe('attachment; filename="mau-petitions.xlsx"');
    await page.getByLabel('Loại dữ liệu').selectOption({ label: 'Danh sách cán bộ' });
  });

  it('stores the good rows and shows each row kept back with its row and reason', async () => {
    const file = path.join(dir, 'can-bo-van-mieu.csv');
    fs.writeFileSync(file, ROSTER);
    await page.getByLabel('Tệp', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Nạp', exact: true }).click();
    const summary = page.getByTestId('ingest-summary');
    await summary.waitFor(WAIT);
    const counts = await summary.locator('dl.counts').innerText();
    expect(counts.replace(/\s+/g, ' ')).toBe('Đã đọc 4 Đã lưu 2 Trùng, bỏ qua 0 Giữ lại để sửa 2');
    const rows = await summary.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    // The reasons in the page's language.
    expect(rows[0]).toMatch(/^4\s+Mã đơn vị\s+"99999" không phải là mã tỉnh, mã xã hoặc mã thôn, tổ dân phố còn hiệu lực vào ngày \d{2}\/\d{2}\/\d{4}$/);
    expect(rows[1]).toMatch(/^5\s+Mã đơn vị\s+thuộc xã 00004, ngoài phạm vi của bạn \(Phường Văn Miếu - Quốc Tử Giám \(00226\)\)$/);
    runId = /lần nạp (\d{8}-\d{6}-[0-9a-f]{6})/.exec(await summary.innerText())?.[1] ?? '';
    expect(runId).not.toBe('');
    await page.screenshot({ path: screenshotPath('ingest-summary'), fullPage: true });
    // The summary follows the language toggle: its reasons are worded again from their codes.
    await page.getByRole('link', { name: 'English' }).click();
    await expect.poll(() => summary.locator('tbody tr').first().innerText(), WAIT).toMatch(/^4\s+Mã đơn vị\s+"99999" is not a province, commune or village in force on \d{4}-\d{2}-\d{2}$/);
    expect(await summary.locator('tbody tr').nth(1).innerText()).toMatch(/is in commune 00004, outside your scope/);
    await page.getByRole('link', { name: 'Tiếng Việt' }).click();
    await expect.poll(() => summary.locator('tbody tr').first().innerText(), WAIT).toMatch(/không phải là mã tỉnh/);
  });

  it('lists the load and opens its quarantined rows from the list, at an address of their own', async () => {
    const runs = page.getByTestId('ingest-runs');
    await expect.poll(() => runs.locator('tbody tr').first().innerText(), WAIT).toContain('can-bo-van-mieu.csv');
    await runs.getByRole('link', { name: 'can-bo-van-mieu.csv' }).click();
    await page.waitForURL(new RegExp(`/nap-du-lieu\\?.*run=${runId}`));
    const quarantine = page.getByTestId('ingest-quarantine');
    await quarantine.waitFor(WAIT);
    const rows = await quarantine.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^4\s+Mã đơn vị\s+"99999" không phải là mã tỉnh.*Họ và tên: Lê Văn Xuân.*Chưa sửa$/s);
    await page.screenshot({ path: screenshotPath('ingest-quarantine'), fullPage: true });
    // The address alone opens it again.
    const again = await officer.newPage();
    await again.goto(page.url());
    await expect.poll(() => again.getByTestId('ingest-quarantine').locator('tbody tr').count(), WAIT).toBe(2);
    await again.close();
  });

  it('gives the correction file, and takes it back corrected as a re-submission of the run', async () => {
    const href = await page.getByTestId('ingest-quarantine').getByRole('link', { name: 'Tải tệp sửa lỗi (CSV)' }).getAttribute('href');
    expect(href).toBe(`/api/ingest/runs/${runId}/correction.csv?personal=true&lang=vi`);
    const download = await officer.request.get(`${server.base}${href}`);
    expect(download.status()).toBe(200);
    const lines = (await download.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/"""99999"" không phải là mã tỉnh/);
    // The row naming a unit that does not exist, corrected; the other ward's row sent back as it was.
    const corrected = [lines[0], lines.find((l) => l.includes('VM-T03'))?.replace('99999', '00226'), lines.find((l) => l.includes('VM-T04'))].join('\n');
    const file = path.join(dir, 'can-bo-van-mieu-sua.csv');
    fs.writeFileSync(file, corrected);

    await page.getByTestId('ingest-quarantine').getByRole('button', { name: 'Nạp tệp đã sửa' }).click();
    expect(await page.locator('.resubmit').innerText()).toContain(`Tệp đã sửa của lần nạp ${runId}`);
    await page.getByLabel('Tệp', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Nạp', exact: true }).click();
    await expect.poll(async () => (await page.getByTestId('ingest-summary').locator('dl.counts').innerText()).replace(/\s+/g, ' '), WAIT).toBe(
      'Đã đọc 2 Đã lưu 1 Trùng, bỏ qua 0 Giữ lại để sửa 1',
    );
    expect(await page.locator('.resubmit').count()).toBe(0);
    // The first run now shows one of its two rows corrected, in the list and in its quarantine.
    const first = page.getByTestId('ingest-runs').locator('tbody tr', { hasText: 'can-bo-van-mieu.csv' });
    await expect.poll(async () => (await first.innerText()).replace(/\s+/g, ' '), WAIT).toMatch(/can-bo-van-mieu\.csv xong 4 2 0 2 1 vanmieu$/);
    await expect.poll(() => page.getByTestId('ingest-quarantine').locator('tbody tr').first().innerText(), WAIT).toMatch(/Đã sửa \(lần \d{8}-\d{6}-[0-9a-f]{6}\)$/);
    // The other, sent again and kept back again: the first run says where it is to be corrected now.
    expect(await page.getByTestId('ingest-quarantine').locator('tbody tr').nth(1).innerText()).toMatch(/Gửi lại ở lần \d{8}-\d{6}-[0-9a-f]{6}, dòng 3: sửa tiếp ở đó$/);
    await page.getByTestId('ingest-quarantine').screenshot({ path: screenshotPath('ingest-resent') });
  });

  it('fits a phone, in Vietnamese and in English', async () => {
    const phone = await officer.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    try {
      for (const lang of ['', '&lang=en']) {
        await phone.goto(`${server.base}/nap-du-lieu?run=${runId}${lang}`);
        await phone.getByTestId('ingest-quarantine').waitFor(WAIT);
        // The reasons follow the page's language.
        await expect
          .poll(() => phone.getByTestId('ingest-quarantine').locator('tbody tr').first().innerText(), WAIT)
          .toMatch(lang ? /"99999" is not a province, commune or village in force on/ : /"99999" không phải là mã tỉnh/);
        expect(await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
        await phone.screenshot({ path: screenshotPath(`ingest-phone${lang ? '-en' : ''}`), fullPage: true });
      }
      expect(await phone.locator('h1').innerText()).toBe('Load data');
    } finally {
      await phone.close();
    }
  });

  it("says a petition row read wrong is sealed, and shows none of its cells", async () => {
    // A comma in the text shifts the name into the phone's column and the phone past the header.
    const file = path.join(dir, 'don-thu-lech.csv');
    fs.writeFileSync(
      file,
      [
        'Mã đơn,Ngày tiếp nhận,Kênh,Mã xã,Nội dung,Họ tên,Điện thoại',
        'VM-D1,16/09/2025,Zalo,00226,Đề nghị sửa đèn chiếu sáng ngõ 12,Nguyễn Thị Lan,0912345678',
        'VM-D2,16/09/2025,Zalo,00226,Đề nghị sửa đèn, chiếu sáng ngõ 14,Trần Văn Hùng,0987654321',
      ].join('\n'),
    );
    await page.getByLabel('Loại dữ liệu').selectOption({ label: 'Đơn thư, kiến nghị, phản ánh' });
    await page.getByLabel('Tệp', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Nạp', exact: true }).click();
    await expect.poll(async () => (await page.getByTestId('ingest-summary').locator('dl.counts').innerText()).replace(/\s+/g, ' '), WAIT).toBe(
      'Đã đọc 2 Đã lưu 1 Trùng, bỏ qua 0 Giữ lại để sửa 1',
    );
    const runs = page.getByTestId('ingest-runs');
    await expect.poll(() => runs.locator('tbody tr').first().innerText(), WAIT).toContain('don-thu-lech.csv');
    await runs.getByRole('link', { name: 'don-thu-lech.csv' }).click();
    const quarantine = page.getByTestId('ingest-quarantine');
    await expect.poll(() => quarantine.locator('tbody tr').first().innerText(), WAIT).toContain('thông tin cá nhân được niêm phong');
    const row = await quarantine.locator('tbody tr').first().innerText();
    expect(row).toMatch(/^3\s+Cả dòng\s+/);
    expect(row).not.toMatch(/0987654321|Trần Văn Hùng|chiếu sáng ngõ 14/);
    await quarantine.screenshot({ path: screenshotPath('ingest-sealed') });
    await page.getByLabel('Loại dữ liệu').selectOption({ label: 'Danh sách cán bộ' });
  });

  it('refuses a workbook format it does not read, saying how to save it', async () => {
    const file = path.join(dir, 'danh-sach.xls');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(64)]));
    await page.getByLabel('Tệp', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Nạp', exact: true }).click();
    await expect.poll(() => page.locator('p.error').innerText(), WAIT).toContain('không đọc được định dạng sổ tính Excel 97–2003 (.xls): hãy lưu lại dưới dạng Excel Workbook (.xlsx) hoặc CSV UTF-8');
  });

  it('says while a larger file is being checked and stored, then shows its summary', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `VM-B${String(i).padStart(5, '0')},00226,Cán bộ số ${i},Nữ,1980,Hội Phụ nữ,Ủy viên,,Đang công tác,16/09/2025`);
    const file = path.join(dir, 'can-bo-lon.csv');
    fs.writeFileSync(file, [HEADER, ...rows].join('\n'));
    await page.getByLabel('Tệp', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Nạp', exact: true }).click();
    await page.getByRole('status').filter({ hasText: /đã gửi/ }).waitFor(WAIT);
    await expect.poll(async () => (await page.getByTestId('ingest-summary').locator('dl.counts').innerText()).replace(/\s+/g, ' '), { timeout: 60_000 }).toBe(
      'Đã đọc 30.000 Đã lưu 30.000 Trùng, bỏ qua 0 Giữ lại để sửa 0',
    );
    // Gone once the list of loads is read again with this one in it.
    await expect.poll(() => page.getByRole('status').count(), WAIT).toBe(0);
    expect(await page.getByTestId('ingest-runs').locator('tbody tr').first().innerText()).toContain('can-bo-lon.csv');
  });

  it('refuses a file over the upload limit before sending it, saying what to do', async () => {
    const file = path.join(dir, 'can-bo-qua-lon.csv');
    fs.writeFileSync(file, `${HEADER}\n${'VM-X,00226,Tên,Nữ,1980,MTTQ,Ủy viên,,Đang công tác,16/09/2025\n'.repeat(80_000)}`);
    const before = (await page.getByTestId('ingest-runs').locator('tbody tr').allInnerTexts()).length;
    await page.getByLabel('Tệp', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Nạp', exact: true }).click();
    await expect.poll(() => page.locator('p.error').innerText(), WAIT).toMatch(/^can-bo-qua-lon\.csv \(5,\d MB\) lớn hơn mức tối đa một lần nạp \(4 MB\): hãy chia thành nhiều tệp/);
    expect((await page.getByTestId('ingest-runs').locator('tbody tr').allInnerTexts()).length).toBe(before);
  });

  it('says when the encoding of an old file was only guessed, and that it may be chosen', async () => {
    // A TCVN3 file whose only accented word is one name: its bytes read as a name in more than one legacy encoding.
    const file = path.join(dir, 'can-bo-cu.csv');
    fs.writeFileSync(file, encodeLegacy('officer_id,unit_code,full_name,organisation,position\nVM-E01,00226,Tâm,MTTQ,Uy vien\n', 'tcvn3'));
    await page.getByLabel('Tệp', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Nạp', exact: true }).click();
    await expect.poll(() => page.getByTestId('ingest-summary').innerText(), WAIT).toContain('can-bo-cu.csv');
    expect(await page.getByTestId('ingest-summary').innerText()).toMatch(/Bảng mã: (tcvn3|vni|windows-1258) \(tự nhận biết, chưa chắc chắn: hãy chọn bảng mã nếu tên đọc sai\)/);
  });

  it('gives an analyst, who may not load data, no form and no link', async () => {
    const analyst = await launchBrowser();
    try {
      await logIn(analyst, server.base, 'phantich', DEMO_PASSWORD);
      const p = await analyst.newPage();
      await p.goto(`${server.base}/nap-du-lieu`);
      await expect.poll(() => p.locator('main').innerText(), WAIT).toContain('Tài khoản của bạn chỉ được xem, không được nạp dữ liệu.');
      expect(await p.locator('form.load').count()).toBe(0);
      expect(await p.getByRole('link', { name: 'Nạp dữ liệu' }).count()).toBe(0);
    } finally {
      await analyst.close();
    }
  });
});
