/**
 * The search page in real Chromium on a small demo: an analyst types a query without diacritics, the page keeps it in
 * the address, shows the API's counts and marks the words found; a province user finds only their province's items.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { apiAs, DEMO_PASSWORD, launchBrowser, logIn, screenshotPath, serveDemo, type DemoServer } from '../support/browser.js';

let server: DemoServer;
let analyst: BrowserContext;
let hanoi: BrowserContext;
const WAIT = { timeout: 20_000 };

beforeAll(async () => {
  server = await serveDemo();
  analyst = await launchBrowser();
  await logIn(analyst, server.base, 'phantich', DEMO_PASSWORD);
  hanoi = await launchBrowser();
  await logIn(hanoi, server.base, 'hanoi', DEMO_PASSWORD);
}, 240_000);

afterAll(async () => {
  await analyst?.close();
  await hanoi?.close();
  await server?.close();
});

interface Answer {
  totals: { posts: number; petitions: number };
  hits: { id: string; excerpt: string; highlights: [number, number][] }[];
}

describe('search', () => {
  it('finds with a query typed without diacritics, keeps it in the address, and marks the words', async () => {
    const page = await analyst.newPage();
    await page.goto(`${server.base}/tim-kiem`);
    await page.getByLabel('Từ khóa').fill('rac thai');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.waitForURL(/q=rac\+thai|q=rac%20thai/);
    const expected = await apiAs<Answer>(analyst, server.base, `/api/search?q=rac+thai&limit=50`);
    expect(expected.totals.posts + expected.totals.petitions).toBeGreaterThan(0);
    const vn = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
    await expect
      .poll(() => page.locator('.count').innerText(), WAIT)
      .toBe(`Tìm thấy ${vn(expected.totals.posts)} bài viết và ${vn(expected.totals.petitions)} đơn thư trong kỳ`);
    expect(await page.locator('.hits > li').count()).toBe(expected.hits.length);
    const marks = await page.locator('.hits mark').allInnerTexts();
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) expect(mark.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase()).toMatch(/^(rac|thai)/);
    await page.screenshot({ path: screenshotPath('search-analyst'), fullPage: false });
    await page.close();
  });

  it('gives a province user only their province', async () => {
    // A word the demo's petitions use across the country.
    let word = '';
    for (const candidate of ['đề nghị', 'người dân', 'đường', 'nước', 'xã']) {
      const national = await apiAs<Answer>(analyst, server.base, `/api/search?q=${encodeURIComponent(candidate)}&in=petitions&limit=50`);
      const own = await apiAs<Answer>(hanoi, server.base, `/api/search?q=${encodeURIComponent(candidate)}&in=petitions&limit=50`);
      if (own.totals.petitions > 0 && own.totals.petitions < national.totals.petitions) word = candidate;
      if (word) break;
    }
    expect(word).not.toBe('');
    const page = await hanoi.newPage();
    await page.goto(`${server.base}/tim-kiem?q=${encodeURIComponent(word)}&in=petitions`);
    const expected = await apiAs<Answer>(hanoi, server.base, `/api/search?q=${encodeURIComponent(word)}&in=petitions&limit=50`);
    await expect.poll(() => page.locator('.hits > li').count(), WAIT).toBe(expected.hits.length);
    await page.close();
  });
});
