/**
 * The English switch and the chart downloads in real Chromium against the real server and a small demo store: the
 * language is kept in the address and in every link, numbers and dates follow it; every chart gives its picture (PNG)
 * and its data (CSV with a byte order mark, XLSX) with the API's own numbers.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { BrowserContext, Download, Page } from 'playwright-core';
import { apiAs, DEMO_PASSWORD, launchBrowser, logIn, screenshotPath, serveDemo, type DemoServer } from '../support/browser.js';

let server: DemoServer;
let central: BrowserContext;
let base = '';

const en = (n: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }).format(n);
const api = <T>(address: string) => apiAs<T>(central, base, address);

beforeAll(async () => {
  server = await serveDemo();
  base = server.base;
  central = await launchBrowser();
  await logIn(central, base, 'trunguong', DEMO_PASSWORD);
});

afterAll(async () => {
  await central?.close();
  await server?.close();
});

async function drawn(page: Page): Promise<void> {
  await page.locator('figure canvas').first().waitFor();
  await page.waitForFunction('document.querySelectorAll(\'[aria-busy="true"]\').length === 0');
  await page.waitForTimeout(300);
}

/** Clicks a download button of the chart with this title and returns the file's name and bytes. */
async function download(page: Page, title: string, button: 'PNG' | 'CSV' | 'XLSX' | 'Ảnh PNG' | 'Số liệu CSV' | 'Số liệu XLSX'): Promise<{ name: string; bytes: Buffer }> {
  const frame = page.locator('.chart-frame', { has: page.locator('.caption', { hasText: title }) });
  const [file] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: button }).click()]) as [Download, void];
  const where = await file.path();
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(where) };
}

describe('the English switch', () => {
  it('turns a view into English, keeps the language in the address and the links, and switches back', async () => {
    const trend = await api<{ weeks: { communesWithVillageList: number; communesTotal: number; villagesCreated: number }[] }>('/api/coverage/trend?unit=01');
    const last = trend.weeks.at(-1)!;
    const page = await central.newPage();
    await page.goto(`${base}/trien-khai?unit=01`);
    await page.getByRole('heading', { name: 'Tiến độ triển khai theo tuần' }).waitFor();
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('vi');

    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${base}/trien-khai?unit=01&lang=en`);
    await page.getByRole('heading', { name: 'Rollout progress by week' }).waitFor();
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('en');
    const kpis = (await page.locator('section.kpis').innerText()).replace(/\s+/g, ' ');
    expect(kpis).toContain(`${en(last.communesWithVillageList)}/${en(last.communesTotal)}`);
    expect(kpis).toContain(en(last.villagesCreated));
    expect(kpis).toMatch(/Communes with a village list, week \d+\/2025/);
    // Dates in English name the month; the navigation and the period keep the language.
    expect(await page.locator('.crumbs').innerText()).toContain('Data as of 16 Sep 2025');
    const nav = page.getByRole('navigation', { name: 'Views' });
    expect((await nav.innerText()).replace(/\s+/g, ' ')).toBe('Overview Rollout Officers Weekly reports Synthesis report Petitions Opinion Search Handling Routing rules Load data');
    expect(await nav.getByRole('link', { name: 'Officers' }).getAttribute('href')).toBe('/can-bo?unit=01&lang=en');
    await page.getByRole('button', { name: 'Last 4 weeks' }).click();
    await page.waitForURL(/\/trien-khai\?unit=01&from=2025-08-25&to=2025-09-16&lang=en$/);
    await drawn(page);
    await page.screenshot({ path: screenshotPath('language-en-rollout'), fullPage: true });

    await nav.getByRole('link', { name: 'Officers' }).click();
    await page.waitForURL(/\/can-bo\?unit=01&from=2025-08-25&to=2025-09-16&lang=en$/);
    await page.getByRole('heading', { name: 'Officer rosters', exact: true }).waitFor();
    await page.locator('figcaption', { hasText: 'Officers by gender' }).waitFor();

    await page.getByRole('link', { name: 'Tiếng Việt' }).click();
    await page.waitForURL(/\/can-bo\?unit=01&from=2025-08-25&to=2025-09-16$/);
    await page.getByRole('heading', { name: 'Danh sách cán bộ', exact: true }).waitFor();
    expect(await page.locator('.crumbs').innerText()).toContain('Số liệu đến ngày 16/09/2025');
    await page.close();
  });

  it('says the warnings in English from their figures, with the same numbers', async () => {
    const warnings = await api<{ items: { kind: string; figures: Record<string, number | string | null> }[] }>('/api/warnings?limit=500');
    const overdue = warnings.items.find((w) => w.kind === 'overdue_petitions');
    const page = await central.newPage();
    await page.goto(`${base}/?lang=en`);
    await page.locator('.warnings h2', { hasText: `Early warnings (${en(warnings.items.length)})` }).waitFor();
    await drawn(page);
    await page.screenshot({ path: screenshotPath('language-en-overview'), fullPage: true });
    if (overdue) {
      await page.getByRole('button', { name: /Show all/ }).click();
      const reasons = (await page.locator('.warnings .reason').allInnerTexts()).join('\n');
      expect(reasons).toContain(`${en(Number(overdue.figures.overdue))} overdue of ${en(Number(overdue.figures.inProgress))} petitions in progress`);
    }
    expect(await page.locator('div.warnings').innerText()).not.toMatch(/quá hạn|Chậm triển khai/);
    await page.close();
  });

  it('opens the log-in page in English from an English link, and lands in English', async () => {
    const context = await launchBrowser();
    try {
      const page = await context.newPage();
      await page.goto(`${base}/don-thu?lang=en`);
      await page.waitForURL(/\/login\?next=%2Fdon-thu%3Flang%3Den&lang=en$/);
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      await page.getByLabel('User name').fill('hanoi');
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(`${base}/don-thu?lang=en`);
      await page.getByRole('heading', { name: 'Petitions and proposals' }).waitFor();
      await page.locator('header .who', { hasText: 'Province' }).waitFor();
    } finally {
      await context.close();
    }
  });
});

describe('chart downloads', () => {
  it('gives a ranked chart as CSV (with a BOM, Vietnamese intact) and XLSX with the API numbers, and as a PNG', async () => {
    const counts = await api<{ byTopic: { topic: string; received: number }[] }>('/api/petitions/counts');
    const topics = counts.byTopic.filter((r) => r.received > 0).sort((a, b) => b.received - a.received);
    expect(topics.length).toBeGreaterThan(1);
    const page = await central.newPage();
    await page.goto(`${base}/don-thu`);
    await drawn(page);
    const title = 'Đơn tiếp nhận theo chủ đề';

    const csv = await download(page, title, 'Số liệu CSV');
    expect(csv.name).toMatch(/^Đơn tiếp nhận theo chủ đề \d{4}-\d{2}-\d{2}\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Tên,Đơn tiếp nhận');
    expect(lines).toHaveLength(topics.length + 1);
    expect(lines.slice(1).map((l) => Number(l.split(',').at(-1)))).toEqual(topics.map((r) => r.received));
    expect(lines.join('\n')).toContain('"Đất đai, nhà ở, bồi thường"');
    expect(lines.join('\n').normalize('NFC')).toBe(lines.join('\n'));

    const xlsx = await download(page, title, 'Số liệu XLSX');
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe(title);
    expect(sheet.getRow(1).values).toEqual([undefined, 'Tên', 'Đơn tiếp nhận']);
    expect(sheet.rowCount).toBe(topics.length + 1);
    for (let i = 0; i < topics.length; i++) expect(sheet.getRow(i + 2).getCell(2).value).toBe(topics[i]!.received);

    const png = await download(page, title, 'Ảnh PNG');
    expect(png.name).toMatch(/\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Drawn at twice the size: wider than the chart on the screen.
    const width = png.bytes.readUInt32BE(16);
    const shown = await page.locator('.chart-frame', { has: page.locator('.caption', { hasText: title }) }).locator('canvas').first().boundingBox();
    expect(width).toBeGreaterThan(shown!.width * 1.9);
    fs.writeFileSync(screenshotPath('download-petitions-by-topic'), png.bytes);
    await page.close();
  });

  it('gives a table beside the charts with all its rows, numbers and days as themselves', async () => {
    const stale = await api<{ rosters: { unit: { name: string }; officers: number; updatedAt: string; weeksSince: number }[] }>('/api/rosters/stale');
    expect(stale.rosters.length).toBeGreaterThan(15);
    const page = await central.newPage();
    await page.goto(`${base}/can-bo`);
    await drawn(page);
    const csv = await download(page, 'Danh sách chưa cập nhật từ', 'Số liệu CSV');
    const lines = csv.bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Đơn vị,Cán bộ,Cập nhật lần cuối,Số tuần');
    // Every row, though the table shows fifteen until asked.
    expect(lines.slice(1)).toEqual(stale.rosters.map((r) => `${r.unit.name},${r.officers},${r.updatedAt},${r.weeksSince}`));
    await page.close();
  });

  it('gives a weekly chart with every series, a unit ranking with the units codes, in English headings on ?lang=en', async () => {
    const trend = await api<{ weeks: { week: string; withVillageListPct: number; communesUpdatedPct: number }[] }>('/api/coverage/trend');
    const page = await central.newPage();
    await page.goto(`${base}/trien-khai?lang=en`);
    await drawn(page);
    const csv = await download(page, 'Share of communes, wards and special zones by week', 'CSV');
    const lines = csv.bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Week,With a village list,With an updated roster');
    expect(lines.slice(1)).toEqual(trend.weeks.map((w) => `${w.week},${w.withVillageListPct},${w.communesUpdatedPct}`));

    const coverage = await api<{ children: { unit: { code: string; name: string }; communes: { withVillageListPct: number } }[] }>('/api/coverage');
    await page.goto(`${base}/`);
    await drawn(page);
    const ranked = await download(page, 'Các tỉnh, thành phố xếp theo', 'Số liệu XLSX');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(ranked.bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Mã', 'Đơn vị', 'Tỷ lệ xã đã lập danh sách thôn, tổ dân phố']);
    expect(sheet.rowCount).toBe(35);
    const hanoi = coverage.children.find((c) => c.unit.code === '01')!;
    const row = sheet.getRows(2, 34)!.find((r) => r.getCell(1).value === '01')!;
    expect(row.getCell(2).value).toBe(hanoi.unit.name);
    expect(row.getCell(3).value).toBe(hanoi.communes.withVillageListPct);
    await page.close();
  });
});
