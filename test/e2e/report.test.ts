/**
 * The weekly reporting heat map and the weekly synthesis report in real Chromium, against the real server and a small
 * demo: the heat map's cells give the API's numbers on hover and open the unit on a click; the printable report shows
 * the API's figures under a header with the unit and the week, changes week from its picker, prints on A4 without the
 * app's bars, and downloads the XLSX of the same unit and week; each user only for their own scope. Screenshots and
 * the printed PDF go to test-results/screenshots.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { apiAs, DEMO_PASSWORD, launchBrowser, logIn, screenshotPath, serveDemo, type DemoServer } from '../support/browser.js';
import type { CompletenessGridAnswer as CompletenessGrid } from '../../analytics/questions/reporting.js';
import type { WeeklyReport } from '../../analytics/questions/weekly-report.js';

let server: DemoServer;
let central: BrowserContext;
let vanmieu: BrowserContext;
let base = '';
const vn = (n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(n);
const vnPct = (n: number) => `${new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n)}%`;

beforeAll(async () => {
  server = await serveDemo();
  base = server.base;
  central = await launchBrowser();
  await logIn(central, base, 'trunguong', DEMO_PASSWORD);
  vanmieu = await launchBrowser();
  await logIn(vanmieu, base, 'vanmieu', DEMO_PASSWORD);
}, 600_000);

afterAll(async () => {
  await central?.close();
  await vanmieu?.close();
  await server?.close();
});

const squash = (s: string) => s.replace(/\s+/g, ' ');

async function shows(page: Page, selector: string, expected: string): Promise<void> {
  await expect.poll(async () => squash((await page.locator(selector).allInnerTexts()).join(' | ')), { timeout: 20_000 }).toContain(expected);
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction('document.querySelectorAll(\'[aria-busy="true"]\').length === 0');
  await page.waitForTimeout(300);
}

describe('the weekly reporting heat map', () => {
  it("shows each province's week on hover, as the API counts it, and opens the province on a click", async () => {
    const grid = await apiAs<CompletenessGrid>(central, base, '/api/reporting/grid');
    const due = grid.weeks.flatMap((w, i) => (w.due ? [{ ...w, i }] : []));
    const rate = (r: CompletenessGrid['rows'][number]) => {
      const [got, owed] = due.reduce(([a, e], w) => [a + (r.cells[w.i]?.received ?? 0), e + (r.cells[w.i]?.expected ?? 0)], [0, 0]);
      return owed === 0 ? Infinity : got / owed;
    };
    const top = [...grid.rows].sort((x, y) => rate(x) - rate(y) || x.unit.name.localeCompare(y.unit.name, 'vi'))[0] as CompletenessGrid['rows'][number];
    const lastDue = due.at(-1) as (typeof due)[number];
    const cell = top.cells[lastDue.i] as CompletenessGrid['rows'][number]['cells'][number];

    const page = await central.newPage();
    await page.goto(`${base}/bao-cao-tuan`);
    const figure = page.locator('figure', { hasText: 'Tỷ lệ gửi báo cáo theo đơn vị và tuần' });
    await figure.locator('canvas').first().waitFor();
    await settled(page);
    await page.screenshot({ path: screenshotPath('report-heatmap-national'), fullPage: true });

    // The top row is the least complete province; the last column the last week due. The first cell met going down
    // from the chart's top edge (past the week labels) is in the top row.
    const box = (await figure.locator('.chart').boundingBox()) as { x: number; y: number; width: number; height: number };
    const week = Number(lastDue.week.slice(6));
    let dy = 4;
    for (; dy < 80; dy += 3) {
      await page.mouse.move(box.x + box.width - 30, box.y + dy);
      if ((await figure.innerText()).includes(` · Tuần ${week}/2025`)) break;
    }
    dy += 6; // into the cell, off its edge
    await page.mouse.move(box.x + box.width - 30, box.y + dy);
    await shows(page, 'figure:has-text("theo đơn vị và tuần")', `${top.unit.name} · Tuần ${week}/2025`);
    await shows(page, 'figure:has-text("theo đơn vị và tuần")', `Đã gửi ${vn(cell.received)}/${vn(cell.expected)} · ${vnPct(cell.completenessPct ?? 0)}`);
    await shows(page, 'figure:has-text("theo đơn vị và tuần")', `Đúng hạn ${vn(cell.onTime)} · muộn ${vn(cell.late)} · chưa gửi ${vn(cell.missing)}`);

    // Coloured by reports on time instead: the address keeps the choice, the title says it.
    await page.getByRole('group', { name: 'Tô màu theo' }).getByRole('button', { name: 'Đúng hạn' }).click();
    await page.waitForURL(`${base}/bao-cao-tuan?heat=on-time`);
    await shows(page, 'figure figcaption', 'Tỷ lệ gửi báo cáo đúng hạn theo đơn vị và tuần');
    await page.goto(`${base}/bao-cao-tuan`);
    await figure.locator('canvas').first().waitFor();
    await settled(page);

    await page.mouse.click(box.x + box.width - 30, box.y + dy);
    await page.waitForURL(`${base}/bao-cao-tuan?unit=${top.unit.code}`);
    // The province's own report heads its communes.
    await shows(page, 'figure:has-text("theo đơn vị và tuần")', 'Tỷ lệ gửi báo cáo theo đơn vị và tuần');
    await figure.locator('canvas').first().waitFor();
    await settled(page);
    await page.screenshot({ path: screenshotPath('report-heatmap-province'), fullPage: true });
    await page.close();
  });
});

describe('the weekly synthesis report', () => {
  it("shows the API's figures under a header with the unit, the week and the day it was made", async () => {
    const report = await apiAs<WeeklyReport>(central, base, '/api/reports/weekly?unit=01');
    const page = await central.newPage();
    // Reached from the weekly reporting view, for the unit shown there.
    await page.goto(`${base}/bao-cao-tuan?unit=01`);
    await page.getByRole('link', { name: 'Báo cáo tổng hợp tuần (in, XLSX) →' }).click();
    await page.waitForURL(`${base}/bao-cao?unit=01`);
    await shows(page, 'article header', 'MẶT TRẬN TỔ QUỐC VIỆT NAM Thành phố Hà Nội BÁO CÁO TỔNG HỢP TUẦN Tuần 37/2025, từ ngày 08/09/2025 đến ngày 14/09/2025');
    await shows(page, 'article header', 'Số liệu đến ngày 14/09/2025; lập lúc');
    const c = report.coverage;
    await shows(page, 'article', `Xã, phường, đặc khu đã lập danh sách thôn, tổ dân phố: ${vn(c.communesWithVillageList)}/${vn(c.communesTotal)} (${vnPct(c.communesWithVillageListPct)})`);
    const w = report.reporting.week;
    await shows(page, 'article', `Báo cáo tuần 37/2025: đã gửi ${vn(w.received)}/${vn(w.expected)} (${vnPct(w.completenessPct ?? 0)}); đúng hạn ${vn(w.onTime)}, muộn ${vn(w.late)}, chưa gửi ${vn(w.missing)}.`);
    await shows(page, 'article', `Đơn vị còn thiếu báo cáo (${vn(report.reporting.missing.length)})`);
    await shows(page, 'article', `Trong tuần tiếp nhận ${vn(report.petitions.week.received)} đơn thư, kiến nghị`);
    await shows(page, 'article', `Trong tuần có ${vn(report.opinion.week.items)} bài viết`);
    await shows(page, 'article', `Tổng số cán bộ: ${vn(report.officers.officers)}`);
    expect(await page.locator('article section').count()).toBe(6);
    await page.locator('article canvas').first().waitFor();
    await settled(page);
    await page.screenshot({ path: screenshotPath('report-hanoi'), fullPage: true });

    // Printed: A4, only the document.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header .who').isVisible()).toBe(false);
    expect(await page.locator('.toolbar').isVisible()).toBe(false);
    expect(await page.locator('article h1').isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('report-hanoi-print'), fullPage: true });
    const pdf = await page.pdf({ path: screenshotPath('report-hanoi').replace(/\.png$/, '.pdf'), preferCSSPageSize: true, printBackground: true });
    // An A4 page is 595 × 842 points.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 841\.\d+\]/);
    await page.close();
  });

  it('changes week from its picker, keeping it in the address', async () => {
    const page = await central.newPage();
    await page.goto(`${base}/bao-cao?unit=01`);
    await shows(page, 'article header', 'Tuần 37/2025');
    await page.getByLabel('Tuần báo cáo').fill('2025-W35');
    await page.getByLabel('Tuần báo cáo').dispatchEvent('change');
    await page.waitForURL(`${base}/bao-cao?unit=01&week=2025-W35`);
    const report = await apiAs<WeeklyReport>(central, base, '/api/reports/weekly?unit=01&week=2025-W35');
    await shows(page, 'article header', 'Tuần 35/2025, từ ngày 25/08/2025 đến ngày 31/08/2025');
    await shows(page, 'article', `đã gửi ${vn(report.reporting.week.received)}/${vn(report.reporting.week.expected)}`);
    await page.close();
  });

  it('downloads the XLSX of the same unit and week', async () => {
    const report = await apiAs<WeeklyReport>(central, base, '/api/reports/weekly?unit=01&week=2025-W35');
    const page = await central.newPage();
    await page.goto(`${base}/bao-cao?unit=01&week=2025-W35`);
    await shows(page, 'article header', 'Tuần 35/2025');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải XLSX' }).click()]);
    expect(download.suggestedFilename()).toBe('bao-cao-tuan-01-2025-W35.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync((await download.path()) as string) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Triển khai', 'Cán bộ', 'Báo cáo tuần', 'Đơn thư', 'Dư luận', 'Cảnh báo']);
    const summary = book.getWorksheet('Tổng hợp') as ExcelJS.Worksheet;
    expect(summary.getCell('B3').value).toBe('Tuần 35/2025, từ 25/08/2025 đến 31/08/2025');
    const figures = new Map<unknown, unknown>();
    summary.eachRow((row) => figures.set(row.getCell(1).value, row.getCell(2).value));
    expect(figures.get('Báo cáo tuần đã gửi')).toBe(report.reporting.week.received);
    await page.close();
  });

  it("gives a commune user their own commune's report, in English when asked, and no other unit's", async () => {
    const page = await vanmieu.newPage();
    await page.goto(`${base}/bao-cao?lang=en`);
    await shows(page, 'article header', 'VIETNAM FATHERLAND FRONT Phường Văn Miếu - Quốc Tử Giám WEEKLY SYNTHESIS REPORT Week 37/2025, from 8 Sep 2025 to 14 Sep 2025');
    await page.locator('article canvas').first().waitFor();
    await settled(page);
    await page.screenshot({ path: screenshotPath('report-commune-en'), fullPage: true });
    await page.goto(`${base}/bao-cao?unit=00004`);
    await shows(page, '.report .error', 'nằm ngoài phạm vi');
    await page.close();
  });
});
