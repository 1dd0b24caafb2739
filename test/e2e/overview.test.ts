/**
 * The first dashboard page in real Chromium against the real server and a demo store:
 * the national coverage figures as published, in Vietnamese formats, and the provinces ranked.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { BrowserContext } from 'playwright-core';
import { buildApp } from '../../server/app.js';
import { buildDemo } from '../../ingest/demo/index.js';
import { loadSealer } from '../../analytics/privacy/seal.js';
import { openTestStore, type TestStore } from '../support/store.js';
import { launchBrowser, logIn, screenshotPath } from '../support/browser.js';
import { ensureDemoUsers } from '../../analytics/access/demo-users.js';

let t: TestStore;
let app: FastifyInstance;
let browser: BrowserContext;
let base = '';
const PASSWORD = 'mật-khẩu-thử-nghiệm';

beforeAll(async () => {
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, '../../scripts/build-dashboard.mjs'), '--if-stale'], { stdio: 'inherit' });
  t = await openTestStore();
  await buildDemo(t.store, loadSealer(t.config), { petitions: 300, posts: 300 });
  await ensureDemoUsers(t.store, '2025-09-16', PASSWORD);
  app = await buildApp({ config: t.config, store: t.store, ownsStore: false, boot: { phase: 'ready', step: null, progress: null, message: 'Ready', background: null }, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchBrowser();
  await logIn(browser, base, 'trunguong', PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await t?.close();
});

describe('overview page', () => {
  it('shows the national coverage figures as published, in Vietnamese number formats', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    const kpis = page.locator('section.kpis');
    await kpis.waitFor();
    const text = (await kpis.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('2.280/3.321');
    expect(text).toContain('68,65%');
    expect(text).toContain('61.223');
    expect(text).toContain('67,64%');
    expect(text).toContain('2.237/3.321 xã');
    expect(text).toContain('67,36%');
    expect(text).toContain('34/34 tỉnh, thành phố');
    expect(text).toContain('cấp tỉnh 7.108 · cấp xã 270.176');
    expect(await page.locator('.crumbs').innerText()).toContain('16/09/2025');
    await page.locator('figure canvas').first().waitFor();
    await page.screenshot({ path: screenshotPath('overview-national'), fullPage: true });
    await page.close();
  });

  it('ranks the provinces, and a click on a bar opens that province', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/?metric=rosterPct`);
    await page.locator('figure canvas').first().waitFor();
    expect(await page.locator('figcaption').first().innerText()).toContain('Các tỉnh, thành phố xếp theo: tỷ lệ xã đã cập nhật danh sách cán bộ');
    // Beside it, the same figure on the tile map of the 34 provinces.
    expect(await page.locator('figcaption').nth(1).innerText()).toContain('Bản đồ ô các tỉnh, thành phố: tỷ lệ xã đã cập nhật danh sách cán bộ');
    // The first bar of a ranked chart sits at the top of the plot, just right of the labels.
    const canvas = page.locator('figure canvas').first();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no chart drawn');
    await page.mouse.click(box.x + box.width * 0.5, box.y + 14);
    await page.waitForURL(/unit=\d{2}/);
    await page.locator('.crumbs', { hasText: '›' }).waitFor();
    // The province opened is the one the API ranks first on that figure.
    const cookie = (await browser.cookies(base)).map((c) => `${c.name}=${c.value}`).join('; ');
    const national = (await (await fetch(`${base}/api/coverage`, { headers: { cookie } })).json()) as { children: { unit: { name: string }; rosters: { communesUpdatedPct: number } }[] };
    const top = [...national.children].sort((a, b) => b.rosters.communesUpdatedPct - a.rosters.communesUpdatedPct)[0];
    expect((await page.locator('.crumbs').innerText()).replace(/\s+/g, ' ')).toContain(`Toàn quốc › ${top?.unit.name}`);
    await page.screenshot({ path: screenshotPath('overview-province-from-click'), fullPage: true });
    await page.close();
  });

  it('shows how far the first start has got while the demo is being built', async () => {
    const preparing = await buildApp({
      config: t.config,
      store: t.store,
      ownsStore: false,
      boot: { phase: 'building-demo', step: 'petitions', progress: 42, message: 'Building the demo dataset', background: null },
      logger: false,
    });
    await preparing.listen({ port: 0, host: '127.0.0.1' });
    const address = preparing.server.address();
    const page = await browser.newPage();
    try {
      await page.goto(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`);
      const section = page.locator('section.preparing');
      await section.waitFor();
      const text = (await section.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain('Đang chuẩn bị dữ liệu');
      expect(text).toContain('Tạo đơn thư, kiến nghị');
      expect(text).toContain('42,00%');
      await page.screenshot({ path: screenshotPath('first-start-progress') });
    } finally {
      await page.close();
      await preparing.close();
    }
  });

  it('asks for a log-in first, naming the demo accounts on a demo store', async () => {
    const context = await launchBrowser();
    try {
      const page = await context.newPage();
      await page.goto(`${base}/?unit=01`);
      await page.waitForURL(/\/login\?next=%2F%3Funit%3D01/);
      const demo = page.locator('aside.demo');
      await demo.waitFor();
      expect(await demo.innerText()).toContain('trunguong');
      await page.getByRole('button', { name: 'hanoi' }).click();
      expect(await page.getByLabel('Tên đăng nhập').inputValue()).toBe('hanoi');
      await page.getByLabel('Mật khẩu').fill('sai-mat-khau-roi');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      expect(await page.getByRole('alert').innerText()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
      await page.screenshot({ path: screenshotPath('login') });
      await page.getByLabel('Mật khẩu').fill(PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(/\/\?unit=01$/);
      await page.locator('section.kpis').waitFor();
    } finally {
      await context.close();
    }
  });

  it("shows a province user their province, and why another province's figures are not theirs", async () => {
    const context = await launchBrowser();
    try {
      await logIn(context, base, 'hanoi', PASSWORD);
      const page = await context.newPage();
      await page.goto(`${base}/`);
      await page.locator('section.kpis').waitFor();
      expect(await page.locator('.crumbs').innerText()).toContain('Thành phố Hà Nội');
      expect(await page.locator('header .who').innerText()).toContain('Cấp tỉnh');
      await page.goto(`${base}/?unit=79`);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.innerText()).toContain('Đơn vị này nằm ngoài phạm vi của bạn');
      await page.screenshot({ path: screenshotPath('province-user-other-province') });
    } finally {
      await context.close();
    }
  });

  it('reads well on a phone screen', async () => {
    const phone = await launchBrowser({ width: 390, height: 844 });
    await logIn(phone, base, 'hanoi', PASSWORD);
    const page = await phone.newPage();
    await page.goto(`${base}/`);
    await page.locator('section.kpis').waitFor();
    expect(await page.locator('.crumbs').innerText()).toContain('Thành phố Hà Nội');
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('overview-hanoi-phone'), fullPage: true });
    await phone.close();
  });
});
