/**
 * The dashboard's views in real Chromium against the real server and a small demo store: the navigation keeps the
 * unit and the period in the address, each view shows the API's own numbers, a period chosen changes the address and
 * the figures, and a province user sees only their province and below. A screenshot of every view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { apiAs, DEMO_PASSWORD, launchBrowser, logIn, screenshotPath, serveDemo, type DemoServer } from '../support/browser.js';

let server: DemoServer;
let central: BrowserContext;
let hanoi: BrowserContext;
let base = '';
const PASSWORD = DEMO_PASSWORD;
const REFERENCE = '2025-09-16';
/** "4 tuần gần nhất" on the reference day: from the Monday three weeks before its own. */
const FOUR_WEEKS = { from: '2025-08-25', to: REFERENCE };
const vn = (n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(n);
const vnPct = (n: number) => `${new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n)}%`;

beforeAll(async () => {
  server = await serveDemo();
  base = server.base;
  central = await launchBrowser();
  await logIn(central, base, 'trunguong', PASSWORD);
  hanoi = await launchBrowser();
  await logIn(hanoi, base, 'hanoi', PASSWORD);
});

afterAll(async () => {
  await central?.close();
  await hanoi?.close();
  await server?.close();
});

/** The API's answer for the user logged in to this browser. */
async function api<T>(context: BrowserContext, address: string): Promise<T> {
  return apiAs<T>(context, base, address);
}

const text = async (page: Page, selector: string) => (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ');

/** Waits until the text of the elements matching `selector`, as shown, holds `expected`. */
async function shows(page: Page, selector: string, expected: string): Promise<void> {
  await expect
    .poll(async () => (await page.locator(selector).allInnerTexts()).join(' | ').replace(/\s+/g, ' '), { timeout: 20_000 })
    .toContain(expected);
}

/** Lets the charts draw, then saves the page. */
async function snap(page: Page, name: string): Promise<void> {
  await page.locator('figure canvas').first().waitFor();
  await page.waitForFunction('document.querySelectorAll(\'[aria-busy="true"]\').length === 0');
  await page.waitForTimeout(300);
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}

describe('views of a central user', () => {
  it('links every view from the layout, keeping the unit and the period in the address', async () => {
    const page = await central.newPage();
    await page.goto(`${base}/du-luan?unit=01&from=${FOUR_WEEKS.from}&to=${FOUR_WEEKS.to}`);
    const nav = page.getByRole('navigation', { name: 'Các trang số liệu' });
    await nav.waitFor();
    expect((await nav.innerText()).replace(/\s+/g, ' ')).toBe('Tổng quan Triển khai Cán bộ Báo cáo tuần Báo cáo tổng hợp Đơn thư Dư luận Tìm kiếm Xử lý đơn Quy tắc chuyển đơn Nạp dữ liệu');
    expect(await nav.getByRole('link', { name: 'Cán bộ' }).getAttribute('href')).toBe(`/can-bo?unit=01&from=${FOUR_WEEKS.from}&to=${FOUR_WEEKS.to}`);
    expect(await nav.getByRole('link', { name: 'Dư luận' }).getAttribute('aria-current')).toBe('page');
    await shows(page, '.crumbs', 'Thành phố Hà Nội');
    expect(await text(page, '.crumbs')).toContain('Toàn quốc › Thành phố Hà Nội');
    await nav.getByRole('link', { name: 'Báo cáo tuần' }).click();
    await page.waitForURL(`${base}/bao-cao-tuan?unit=01&from=${FOUR_WEEKS.from}&to=${FOUR_WEEKS.to}`);
    await page.close();
  });

  it('lists the early warnings on the overview, each with its severity and reason as the API gives them', async () => {
    const warnings = await api<{ items: { reason: string; severity: string }[] }>(central, '/api/warnings?limit=500');
    expect(warnings.items.length).toBeGreaterThan(0);
    const page = await central.newPage();
    await page.goto(`${base}/`);
    await shows(page, '.warnings h2', `Cảnh báo sớm (${vn(warnings.items.length)})`);
    const first = page.locator('.warnings li').first();
    expect(await first.innerText()).toContain(warnings.items[0]!.reason);
    expect(await first.locator('.severity').innerText()).toBe({ high: 'CAO', medium: 'TRUNG BÌNH', low: 'THẤP' }[warnings.items[0]!.severity]);
    await snap(page, 'views-overview-warnings');
    await page.close();
  });

  it('shows the rollout week by week (Triển khai)', async () => {
    const trend = await api<{ weeks: { communesWithVillageList: number; communesTotal: number }[] }>(central, '/api/coverage/trend');
    const last = trend.weeks.at(-1)!;
    const page = await central.newPage();
    await page.goto(`${base}/trien-khai`);
    await shows(page, 'section.kpis', `${vn(last.communesWithVillageList)}/${vn(last.communesTotal)}`);
    await snap(page, 'views-rollout');
    await page.close();
  });

  it('draws the 34 provinces as a tile map by coverage, with the numbers on hover, and a click opens the province', async () => {
    const coverage = await api<{ children: { unit: { code: string; name: string }; communes: { withVillageList: number; total: number; withVillageListPct: number } }[] }>(
      central,
      `/api/coverage?asOf=${REFERENCE}`,
    );
    expect(coverage.children).toHaveLength(34);
    const hanoiFigures = coverage.children.find((c) => c.unit.code === '01')!.communes;
    const page = await central.newPage();
    await page.goto(`${base}/trien-khai`);
    const map = page.locator('figure', { has: page.locator('figcaption', { hasText: 'theo tỉnh, thành phố, ngày 16/09/2025' }) });
    await map.locator('canvas').first().waitFor();
    await snap(page, 'views-rollout-map');
    // Hà Nội's tile: the third column of five, the third row of eighteen (40 px each, the legend below).
    const box = (await map.locator('[role="img"]').boundingBox())!;
    const at = { x: box.x + (2.5 * box.width) / 5, y: box.y + 2.5 * 40 };
    await page.mouse.move(at.x, at.y);
    await expect
      .poll(async () => (await page.locator('figure div:has(> strong)').allInnerTexts()).join(' ').replace(/\s+/g, ' '), { timeout: 10_000 })
      .toContain(`Thành phố Hà Nội Xã đã lập danh sách thôn: ${vn(hanoiFigures.withVillageList)}/${vn(hanoiFigures.total)} (${vnPct(hanoiFigures.withVillageListPct)})`);
    await page.screenshot({ path: screenshotPath('views-rollout-map-hover') });
    await page.mouse.click(at.x, at.y);
    await page.waitForURL(`${base}/trien-khai?unit=01`);
    await shows(page, '.crumbs', 'Toàn quốc › Thành phố Hà Nội');
    await page.close();
  });

  it('shows the officers by organisation, position, gender and age band (Cán bộ)', async () => {
    const officers = await api<{ total: { officers: number } }>(central, '/api/rosters/officers');
    const stale = await api<{ counts: { stale: number } }>(central, '/api/rosters/stale');
    const page = await central.newPage();
    await page.goto(`${base}/can-bo`);
    await shows(page, 'section.kpis', vn(officers.total.officers));
    for (const title of ['Cán bộ theo tổ chức', 'Cán bộ theo chức vụ', 'Cán bộ theo giới tính', 'Cán bộ theo độ tuổi']) {
      await page.locator('figcaption', { hasText: title }).waitFor();
    }
    await shows(page, 'h2', `: ${vn(stale.counts.stale)}/`);
    await snap(page, 'views-officers');
    await page.close();
  });

  it('shows weekly reporting, and a period chosen changes the address and the figures (Báo cáo tuần)', async () => {
    type C = { breakdown: { week: string; all: { received: number; expected: number } } };
    const twelve = await api<C>(central, '/api/reporting/completeness');
    const page = await central.newPage();
    await page.goto(`${base}/bao-cao-tuan`);
    await shows(page, 'section.kpis', `${vn(twelve.breakdown.all.received)}/${vn(twelve.breakdown.all.expected)}`);
    const missed = await api<{ units: unknown[] }>(central, '/api/reporting/missed');
    await shows(page, 'h2', 'tuần gần nhất');
    expect(await text(page, 'h2:has-text("không gửi báo cáo")')).toContain(`: ${vn(missed.units.length)}`);
    // The synthesised indicators: each total as the API sums it.
    const sums = await api<{ indicators: { code: string; name: string }[]; total: { indicators: { indicator: string; sum: number }[] } }>(central, '/api/reporting/indicators');
    const first = sums.indicators[0] as { code: string; name: string };
    const firstSum = sums.total.indicators.find((i) => i.indicator === first.code)?.sum ?? 0;
    await shows(page, 'section:has(h2:has-text("Chỉ tiêu tổng hợp"))', `${first.name} ${vn(firstSum)}`);
    await snap(page, 'views-reporting');

    // A custom period ending three weeks earlier: its last due week is another one, with other counts.
    await page.getByRole('button', { name: 'Tùy chọn' }).click();
    await page.getByLabel('Từ ngày').fill('2025-07-01');
    await page.getByLabel('đến ngày').fill('2025-08-20');
    await page.getByRole('button', { name: 'Áp dụng' }).click();
    await page.waitForURL(/\/bao-cao-tuan\?from=2025-07-01&to=2025-08-20$/);
    const custom = await api<C>(central, '/api/reporting/completeness?from=2025-07-01&to=2025-08-20');
    expect(custom.breakdown.week).not.toBe(twelve.breakdown.week);
    await shows(page, 'section.kpis', `${vn(custom.breakdown.all.received)}/${vn(custom.breakdown.all.expected)}`);
    expect(await text(page, 'section.kpis')).toContain(`tuần ${Number(custom.breakdown.week.slice(6))}/2025`);
    await page.close();
  });

  it('shows petitions received, answered and overdue, by week, topic and channel, and the units most overdue (Đơn thư)', async () => {
    const counts = await api<{ total: { received: number; overdue: number } }>(central, '/api/petitions/counts');
    const overdue = await api<{ units: { unit: { name: string }; overdue: number }[] }>(central, '/api/petitions/overdue-units?limit=15');
    const page = await central.newPage();
    await page.goto(`${base}/don-thu`);
    await shows(page, 'section.kpis', vn(counts.total.received));
    expect(await text(page, 'section.kpis')).toContain(`Quá hạn ${vn(counts.total.overdue)}`);
    for (const title of ['Đơn tiếp nhận theo chủ đề', 'Đơn tiếp nhận theo kênh']) await page.locator('figcaption', { hasText: title }).waitFor();
    const top = overdue.units.find((u) => u.overdue > 0);
    if (top) await shows(page, 'table', top.unit.name);
    await snap(page, 'views-petitions');
    await page.close();
  });

  it('shows the week against the week before on the overview, with the views’ own numbers', async () => {
    const now = await api<{ total: { received: number } }>(central, '/api/petitions/counts?from=2025-09-10&to=2025-09-16');
    const before = await api<{ total: { received: number } }>(central, '/api/petitions/counts?from=2025-09-03&to=2025-09-09');
    const page = await central.newPage();
    await page.goto(`${base}/`);
    await shows(page, 'section.pulse', `Đơn tiếp nhận 7 ngày qua ${vn(now.total.received)}`);
    expect(await text(page, 'section.pulse')).toContain(`tuần trước ${vn(before.total.received)}`);
    const change = now.total.received - before.total.received;
    if (change !== 0) expect(await text(page, 'section.pulse')).toContain(`${change > 0 ? '▲ +' : '▼ −'}${vn(Math.abs(change))}`);
    await snap(page, 'views-overview-week');
    await page.close();
  });

  it('narrows petitions and opinion to a topic chosen, kept in the address from one view to the other', async () => {
    const all = await api<{ total: { received: number } }>(central, '/api/petitions/counts');
    const land = await api<{ total: { received: number } }>(central, '/api/petitions/counts?topic=dat_dai');
    const posts = await api<{ total: { items: number } }>(central, '/api/opinion/trends?topic=dat_dai');
    expect(land.total.received).toBeLessThan(all.total.received);
    const page = await central.newPage();
    await page.goto(`${base}/don-thu`);
    await shows(page, 'section.kpis', vn(all.total.received));
    await page.getByLabel('Chủ đề', { exact: true }).selectOption('dat_dai');
    await page.waitForURL(`${base}/don-thu?topic=dat_dai`);
    await shows(page, 'section.kpis', `${vn(land.total.received)}`);
    expect(await text(page, 'section.kpis')).not.toContain(vn(all.total.received));
    await snap(page, 'views-petitions-topic');
    await page.getByRole('navigation', { name: 'Các trang số liệu' }).getByRole('link', { name: 'Dư luận' }).click();
    await page.waitForURL(`${base}/du-luan?topic=dat_dai`);
    await shows(page, 'section.kpis', `Bài viết trong kỳ ${vn(posts.total.items)}`);
    await page.close();
  });

  it('shows opinion by week, topic and place, keywords and spikes, for the period chosen (Dư luận)', async () => {
    const twelve = await api<{ total: { items: number } }>(central, '/api/opinion/trends');
    const four = await api<{ total: { items: number } }>(central, `/api/opinion/trends?from=${FOUR_WEEKS.from}&to=${FOUR_WEEKS.to}`);
    expect(four.total.items).toBeLessThan(twelve.total.items);
    const page = await central.newPage();
    await page.goto(`${base}/du-luan`);
    await shows(page, 'section.kpis', vn(twelve.total.items));
    expect(await page.getByRole('button', { name: '12 tuần gần nhất' }).getAttribute('aria-pressed')).toBe('true');
    await snap(page, 'views-opinion');
    await page.getByRole('button', { name: '4 tuần gần nhất' }).click();
    await page.waitForURL(`${base}/du-luan?from=${FOUR_WEEKS.from}&to=${FOUR_WEEKS.to}`);
    await shows(page, 'section.kpis', `Bài viết trong kỳ ${vn(four.total.items)}`);
    expect(await page.getByRole('button', { name: '4 tuần gần nhất' }).getAttribute('aria-pressed')).toBe('true');
    await page.close();
  });
});

describe('views of a province user', () => {
  it('starts the breadcrumbs at their province, with no national link, and opens a commune from the list', async () => {
    const page = await hanoi.newPage();
    await page.goto(`${base}/can-bo`);
    await shows(page, '.crumbs', 'Thành phố Hà Nội');
    expect(await text(page, '.crumbs')).not.toContain('Toàn quốc');
    expect(await page.locator('.crumbs a').count()).toBe(0);
    const officers = await api<{ total: { officers: number } }>(hanoi, '/api/rosters/officers');
    await shows(page, 'section.kpis', vn(officers.total.officers));
    await snap(page, 'views-hanoi-officers');

    const coverage = await api<{ children: { unit: { code: string; name: string } }[] }>(hanoi, '/api/coverage');
    const commune = coverage.children[0]!.unit;
    await page.getByLabel('Xã, phường, đặc khu').selectOption(commune.code);
    await page.waitForURL(`${base}/can-bo?unit=${commune.code}`);
    await shows(page, '.crumbs', commune.name);
    expect(await text(page, '.crumbs')).toContain(`Thành phố Hà Nội › ${commune.name}`);
    const own = await api<{ total: { officers: number } }>(hanoi, `/api/rosters/officers?unit=${commune.code}`);
    await shows(page, 'section.kpis', `đến ngày 16/09/2025 ${vn(own.total.officers)}`);
    await page.close();
  });

  it('shows every view of their province', async () => {
    const page = await hanoi.newPage();
    const reporting = await api<{ breakdown: { all: { received: number; expected: number } } }>(hanoi, '/api/reporting/completeness');
    await page.goto(`${base}/bao-cao-tuan`);
    await shows(page, 'section.kpis', `${vn(reporting.breakdown.all.received)}/${vn(reporting.breakdown.all.expected)}`);
    await snap(page, 'views-hanoi-reporting');

    const opinion = await api<{ total: { items: number } }>(hanoi, '/api/opinion/trends');
    await page.goto(`${base}/du-luan`);
    await shows(page, 'section.kpis', `Bài viết trong kỳ ${vn(opinion.total.items)}`);
    await snap(page, 'views-hanoi-opinion');

    const trend = await api<{ weeks: { villagesCreated: number }[] }>(hanoi, '/api/coverage/trend');
    await page.goto(`${base}/trien-khai`);
    await shows(page, 'section.kpis', vn(trend.weeks.at(-1)!.villagesCreated));
    await snap(page, 'views-hanoi-rollout');

    const warnings = await api<{ items: unknown[] }>(hanoi, '/api/warnings?limit=500');
    await page.goto(`${base}/`);
    await shows(page, '.warnings h2', `Cảnh báo sớm (${vn(warnings.items.length)})`);
    await snap(page, 'views-hanoi-overview');
    await page.close();
  });

  it('reads well on a phone screen', async () => {
    const phone = await launchBrowser({ width: 390, height: 844 });
    try {
      await logIn(phone, base, 'hanoi', PASSWORD);
      const page = await phone.newPage();
      for (const [view, name] of [['/du-luan', 'opinion'], ['/bao-cao-tuan', 'reporting']] as const) {
        await page.goto(`${base}${view}`);
        await page.locator('section.kpis').waitFor();
        await snap(page, `views-hanoi-phone-${name}`);
        expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
      }
    } finally {
      await phone.close();
    }
  });
});
