/**
 * Every demo role walks every view in real Chromium against the real server and a small demo store: each view shows
 * that user's own numbers as the API gives them to that user, in Vietnamese and after the English switch; a chart's
 * data downloads; a bar clicked lists the items behind it; and the views read on a phone. A screenshot of each.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Download, Page } from 'playwright-core';
import { apiAs, DEMO_PASSWORD, launchBrowser, logIn, screenshotPath, serveDemo, type DemoServer } from '../support/browser.js';
import { DEMO_USERS } from '../../analytics/access/demo-users.js';

let server: DemoServer;
let base = '';
const browsers = new Map<string, BrowserContext>();

const vn = (n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(n);
const en = (n: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }).format(n);

beforeAll(async () => {
  server = await serveDemo();
  base = server.base;
  for (const user of DEMO_USERS) {
    const context = await launchBrowser();
    await logIn(context, base, user.login, DEMO_PASSWORD);
    browsers.set(user.login, context);
  }
});

afterAll(async () => {
  for (const context of browsers.values()) await context.close();
  await server?.close();
});

/** Waits until the text of the elements matching `selector` holds `expected`. */
async function shows(page: Page, selector: string, expected: string): Promise<void> {
  await expect
    .poll(async () => (await page.locator(selector).allInnerTexts()).join(' | ').replace(/\s+/g, ' '), { timeout: 20_000 })
    .toContain(expected);
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction('document.querySelectorAll(\'[aria-busy="true"]\').length === 0');
  await page.waitForTimeout(300);
}

type Fmt = (n: number) => string;
/** Each view, and the figure in its headline row that the API gives the user, as shown in a number format. */
const VIEWS: { path: string; name: string; figure: (context: BrowserContext, fmt: Fmt) => Promise<string> }[] = [
  {
    path: '/',
    name: 'overview',
    figure: async (c, fmt) => {
      const coverage = await apiAs<{ communes: { withVillageList: number; total: number } }>(c, base, '/api/coverage');
      return `${fmt(coverage.communes.withVillageList)}/${fmt(coverage.communes.total)}`;
    },
  },
  {
    path: '/trien-khai',
    name: 'rollout',
    figure: async (c, fmt) => {
      const trend = await apiAs<{ weeks: { communesWithVillageList: number; communesTotal: number }[] }>(c, base, '/api/coverage/trend');
      const last = trend.weeks.at(-1)!;
      return `${fmt(last.communesWithVillageList)}/${fmt(last.communesTotal)}`;
    },
  },
  { path: '/can-bo', name: 'officers', figure: async (c, fmt) => fmt((await apiAs<{ total: { officers: number } }>(c, base, '/api/rosters/officers')).total.officers) },
  {
    path: '/bao-cao-tuan',
    name: 'reporting',
    figure: async (c, fmt) => {
      const r = await apiAs<{ breakdown: { all: { received: number; expected: number } } }>(c, base, '/api/reporting/completeness');
      return `${fmt(r.breakdown.all.received)}/${fmt(r.breakdown.all.expected)}`;
    },
  },
  { path: '/don-thu', name: 'petitions', figure: async (c, fmt) => fmt((await apiAs<{ total: { received: number } }>(c, base, '/api/petitions/counts')).total.received) },
  { path: '/du-luan', name: 'opinion', figure: async (c, fmt) => fmt((await apiAs<{ total: { items: number } }>(c, base, '/api/opinion/trends')).total.items) },
];

describe.each(DEMO_USERS.map((u) => [u.login, u] as const))('the views of %s', (login, user) => {
  it('shows every view with the numbers the API gives this user, and lands on their own unit', async () => {
    const context = browsers.get(login)!;
    const me = await apiAs<{ home_unit_code: string }>(context, base, '/api/auth/me');
    expect(me.home_unit_code).toBe(user.home_unit_code);
    const page = await context.newPage();
    for (const view of VIEWS) {
      await page.goto(`${base}${view.path}`);
      await shows(page, 'section.kpis', await view.figure(context, vn));
      await settled(page);
      // The user's own unit is the one shown: the breadcrumbs end on it.
      const unit = await apiAs<{ unit: { name: string; level: string } }>(context, base, '/api/coverage');
      await shows(page, '.crumbs [aria-current="page"]', unit.unit.level === 'central' ? 'Toàn quốc' : unit.unit.name);
      await page.screenshot({ path: screenshotPath(`roles-${login}-${view.name}`), fullPage: true });
    }
    await page.close();
  });

  it('shows the same numbers in English formats after the English switch', async () => {
    const context = browsers.get(login)!;
    const page = await context.newPage();
    await page.goto(`${base}/don-thu`);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${base}/don-thu?lang=en`);
    for (const view of VIEWS.filter((v) => v.path !== '/bao-cao-tuan')) {
      await page.getByRole('navigation', { name: 'Views' }).locator(`a[href^="${view.path}?"], a[href="${view.path}"]`).first().click();
      await page.waitForURL((url) => url.pathname === view.path && url.searchParams.get('lang') === 'en');
      await shows(page, 'section.kpis', await view.figure(context, en));
      expect(await page.locator('main').innerText()).not.toMatch(/Đang tải|Không có số liệu/);
    }
    await settled(page);
    await page.screenshot({ path: screenshotPath(`roles-${login}-opinion-en`), fullPage: true });
    await page.close();
  });

  it('downloads the data of a chart as a CSV file', async () => {
    const context = browsers.get(login)!;
    const officers = await apiAs<{ byGender: { code: string; name: string; officers: number }[] }>(context, base, '/api/rosters/officers');
    const page = await context.newPage();
    await page.goto(`${base}/can-bo`);
    const frame = page.locator('.chart-frame', { has: page.locator('.caption', { hasText: 'Cán bộ theo giới tính' }) });
    const [file] = (await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: 'Số liệu CSV' }).click()])) as [Download, void];
    const text = fs.readFileSync(await file.path(), 'utf8');
    expect(text.startsWith('\ufeffMã,Tên,Cán bộ\r\n')).toBe(true);
    const ranked = [...officers.byGender].sort((a, b) => b.officers - a.officers);
    expect(text.trim().split('\r\n').slice(1)).toEqual(ranked.map((g) => `${g.code},${g.name},${g.officers}`));
    await page.close();
  });
});

/** Opens a view, clicks the first (largest) bar of a ranked chart of `bars` bars, and returns the drawer opened. */
async function openFirstBar(page: Page, view: string, caption: string, bars: number) {
  await page.goto(`${base}${view}`);
  const canvas = page.locator('figure', { has: page.locator('figcaption', { hasText: caption }) }).locator('canvas').first();
  await canvas.waitFor();
  await settled(page);
  // The mouse clicks where the page is shown: the chart must be on screen, wherever the view puts it.
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  // The middle of the top band of the plot (4 px margins), right of the labels.
  await page.mouse.click(box.x + box.width * 0.45, box.y + 4 + (box.height - 8) / bars / 2);
  const drawer = page.getByRole('dialog');
  await drawer.waitFor();
  return drawer;
}

describe('drill-through', () => {
  it('lists the petitions behind a topic bar clicked, as many as the bar counts, without personal data', async () => {
    const context = browsers.get('hanoi')!;
    const counts = await apiAs<{ byTopic: { topic: string; received: number }[] }>(context, base, '/api/petitions/counts');
    const shown = counts.byTopic.filter((r) => r.received > 0);
    const top = [...shown].sort((a, b) => b.received - a.received)[0]!;
    expect(top.received).toBeGreaterThan(0);
    const page = await context.newPage();
    const drawer = await openFirstBar(page, '/don-thu', 'Đơn tiếp nhận theo chủ đề', shown.length);
    expect(await drawer.getByRole('heading').innerText()).toContain('Đơn về chủ đề:');
    while (await drawer.getByRole('button', { name: 'Xem thêm' }).isVisible()) await drawer.getByRole('button', { name: 'Xem thêm' }).click();
    await shows(page, 'dialog .more', `Đã hiện đủ ${vn(top.received)} mục`);
    expect(await drawer.locator('tbody tr').count()).toBe(top.received);
    const headings = (await drawer.locator('th').allInnerTexts()).join('|');
    expect(headings).toBe('Ngày nhận|Tiêu đề|Chủ đề|Đơn vị đang giữ|Tình trạng|Hạn');
    await page.screenshot({ path: screenshotPath('drill-petitions-by-topic') });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await page.close();
  });

  it('lists the posts of a week clicked on the opinion view', async () => {
    const context = browsers.get('trunguong')!;
    const trend = await apiAs<{ byWeek: { week: string; items: number }[] }>(context, base, '/api/opinion/trends');
    const last = trend.byWeek.at(-1)!;
    const page = await context.newPage();
    await page.goto(`${base}/du-luan`);
    const frame = page.locator('figure', { has: page.locator('figcaption', { hasText: 'Số bài viết theo tuần và sắc thái' }) });
    const canvas = frame.locator('canvas').first();
    await canvas.waitFor();
    await settled(page);
    const box = (await canvas.boundingBox())!;
    // The last week's stacked bar: the last of the bands between the axis labels (about 45 px) and the right margin
    // (16 px), just above the axis.
    const band = (box.width - 16 - 45) / trend.byWeek.length;
    await page.mouse.click(box.x + box.width - 16 - band / 2, box.y + box.height - 34);
    const drawer = page.getByRole('dialog');
    await drawer.waitFor();
    expect(await drawer.getByRole('heading').innerText()).toBe(`Bài viết tuần ${Number(last.week.slice(6))}/${last.week.slice(0, 4)}`);
    while (await drawer.getByRole('button', { name: 'Xem thêm' }).isVisible()) await drawer.getByRole('button', { name: 'Xem thêm' }).click();
    await shows(page, 'dialog .more', `Đã hiện đủ ${vn(last.items)} mục`);
    await page.screenshot({ path: screenshotPath('drill-posts-by-week') });
    await page.close();
  });
});

describe('by the keyboard', () => {
  it('reaches each bar of a chart as a button that appears on focus, and opens what a click opens', async () => {
    const context = browsers.get('hanoi')!;
    const counts = await apiAs<{ byChannel: { channel: string; received: number }[] }>(context, base, '/api/petitions/counts');
    const top = [...counts.byChannel].sort((a, b) => b.received - a.received)[0]!;
    const page = await context.newPage();
    await page.goto(`${base}/don-thu`);
    const frame = page.locator('figure', { has: page.locator('figcaption', { hasText: 'Đơn tiếp nhận theo kênh' }) });
    const points = frame.getByRole('list', { name: 'Bấm vào một cột để xem danh sách các mục.' });
    await points.getByRole('button').first().waitFor({ state: 'attached' });
    expect(await points.getByRole('button').count()).toBe(counts.byChannel.filter((c) => c.received > 0).length);
    const first = points.getByRole('button').first();
    expect(await first.innerText()).toMatch(new RegExp(`: ${vn(top.received)}$`));
    await first.focus();
    await page.screenshot({ path: screenshotPath('keyboard-chart-points'), clip: (await frame.boundingBox())! });
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog');
    await drawer.waitFor();
    expect(await drawer.getByRole('heading').innerText()).toContain('Đơn qua kênh:');
    await shows(page, 'dialog .more', `Đã hiện đủ ${vn(top.received)} mục`);
    await page.close();
  });
});

describe('drill-through to officers', () => {
  it('lists the officers behind a gender bar, a page at a time, with where they serve and no names', async () => {
    const context = browsers.get('hanoi')!;
    const officers = await apiAs<{ byGender: { code: string; name: string; officers: number }[] }>(context, base, '/api/rosters/officers');
    const shown = officers.byGender;
    const top = [...shown].sort((a, b) => b.officers - a.officers)[0]!;
    expect(top.officers).toBeGreaterThan(50);
    const page = await context.newPage();
    const drawer = await openFirstBar(page, '/can-bo', 'Cán bộ theo giới tính', shown.length);
    expect(await drawer.getByRole('heading').innerText()).toBe(`Cán bộ: ${top.name}`);
    await shows(page, 'dialog .more', 'Đã hiện 50 mục');
    expect((await drawer.locator('th').allInnerTexts()).join('|')).toBe('Đơn vị|Tổ chức|Chức vụ|Giới tính|Độ tuổi|Cập nhật');
    expect(new Set(await drawer.locator('tbody tr td:nth-child(4)').allInnerTexts())).toEqual(new Set([top.name]));
    await drawer.getByRole('button', { name: 'Xem thêm' }).click();
    await shows(page, 'dialog .more', `Đã hiện ${Math.min(100, top.officers)} mục`);
    await page.screenshot({ path: screenshotPath('drill-officers-by-gender') });
    await page.close();
  });
});

describe('on a phone screen', () => {
  it('reads without sideways scrolling, in Vietnamese and in English, for a commune user', async () => {
    const phone = await launchBrowser({ width: 390, height: 844 });
    try {
      await logIn(phone, base, 'vanmieu', DEMO_PASSWORD);
      const page = await phone.newPage();
      for (const view of VIEWS) {
        for (const lang of ['', '?lang=en']) {
          await page.goto(`${base}${view.path}${lang}`);
          await page.locator('section.kpis').waitFor();
          await settled(page);
          expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth'), `${view.path}${lang}`).toBeLessThanOrEqual(0);
          await page.screenshot({ path: screenshotPath(`roles-phone-vanmieu-${view.name}${lang ? '-en' : ''}`), fullPage: true });
        }
      }
    } finally {
      await phone.close();
    }
  });

  it('fits the tile map of the provinces, its names and values on every tile', async () => {
    const phone = await launchBrowser({ width: 390, height: 844 });
    try {
      await logIn(phone, base, 'trunguong', DEMO_PASSWORD);
      const page = await phone.newPage();
      await page.goto(`${base}/trien-khai`);
      const map = page.locator('figure', { has: page.locator('figcaption', { hasText: 'theo tỉnh, thành phố' }) });
      await map.locator('canvas').first().waitFor();
      await settled(page);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
      await map.screenshot({ path: screenshotPath('roles-phone-trunguong-rollout-map') });
    } finally {
      await phone.close();
    }
  });
});
