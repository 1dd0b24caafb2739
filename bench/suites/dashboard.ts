/**
 * Dashboard speed on the demo, in headless Chromium (playwright-core, the system's /usr/bin/chromium) against the real
 * server serving the built dashboard, logged in as the central user: the time from navigation to the first chart drawn
 * on the national overview (a fresh browser profile each time: no cached scripts), the time to draw again after
 * switching unit (the overview's child picker) and period (the period buttons of the petitions view), and the
 * JavaScript the first page downloads, as sent and gzipped, measured from the network.
 * Each switch is timed from the user's action to the new figures drawn with nothing loading; the server's answers are
 * warm (asked once before), as in a dashboard in use; one cold run of each (answer cache cleared) is shown beside.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../../server/app.js';
import { ensureDemoUsers } from '../../analytics/access/demo-users.js';
import { clearQueryCache } from '../../analytics/queries/define.js';
import { META, readMeta, referenceDate } from '../../analytics/queries/meta.js';
import { buildDemo } from '../../ingest/demo/index.js';
import { loadSealer } from '../../analytics/privacy/seal.js';
import { percentile, type Measurement } from '../harness.js';
import type { BenchContext } from '../run.js';

const suite = 'dashboard';
const PASSWORD = 'bench-mat-khau-demo';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BUILD_SCRIPT = fileURLToPath(new URL('../../scripts/build-dashboard.mjs', import.meta.url));
/** Page loads and switches timed; the median is reported. */
const REPEATS = 7;
/** Provinces the unit switch goes to, in turn. */
const PROVINCES = ['01', '79', '42', '48'];
/** The petitions view's period buttons, in turn (their labels as the page shows them in Vietnamese). */
const PERIODS = ['4 tuần gần nhất', '12 tuần gần nhất', 'Quý này'];

/**
 * In the page: resolves with performance.now() once a chart frame holds a canvas with pixels drawn on it and nothing
 * on the page is loading any more.
 */
const DRAWN = `(() => {
  if (document.querySelector('[aria-busy="true"]')) return false;
  for (const canvas of document.querySelectorAll('figure canvas')) {
    if (canvas.width === 0 || canvas.height === 0) continue;
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < pixels.length; i += 4 * 97) if (pixels[i] !== 0) return performance.now();
  }
  return false;
})()`;

/** The browser profiles made, removed at the end. */
const profiles: string[] = [];

async function launch(cookie: { name: string; value: string }, base: string): Promise<BrowserContext> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-bench-dashboard-chromium-'));
  profiles.push(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await context.addCookies([{ ...cookie, url: base }]);
  return context;
}

/** Milliseconds from navigation start to the first chart drawn, with the scripts the page received. */
async function firstChart(context: BrowserContext, url: string): Promise<{ ms: number; scripts: Buffer[] }> {
  const page = await context.newPage();
  const bodies: Promise<Buffer | null>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') bodies.push(response.body().catch(() => null));
  });
  await page.goto(url, { waitUntil: 'commit' });
  const ms = (await (await page.waitForFunction(DRAWN, undefined, { polling: 'raf', timeout: 60_000 })).jsonValue()) as number;
  await page.waitForLoadState('networkidle');
  const scripts = (await Promise.all(bodies)).filter((b): b is Buffer => b !== null);
  await page.close();
  return { ms, scripts };
}

/** Milliseconds from `act` to the page drawn again with what `ready` (run in the page) says is the new state. */
async function redraw(page: Page, act: () => Promise<void>, ready: string): Promise<number> {
  const started = (await page.evaluate('performance.now()')) as number;
  await act();
  const drawn = (await (await page.waitForFunction(`(${ready}) && ${DRAWN}`, undefined, { polling: 'raf', timeout: 60_000 })).jsonValue()) as number;
  return drawn - started;
}

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

export async function dashboard(ctx: BenchContext): Promise<Measurement[]> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`dashboard: Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
  if ((await readMeta(ctx.store)).get(META.dataset) !== 'demo') {
    ctx.log(`dashboard: no demo in ${ctx.config.dataDir}; building it`);
    await buildDemo(ctx.store, loadSealer(ctx.config), { force: true }, ctx.progress);
  }
  execFileSync(process.execPath, [BUILD_SCRIPT, '--if-stale'], { stdio: 'inherit' });
  const asOf = await referenceDate(ctx.store);
  await ensureDemoUsers(ctx.store, asOf, PASSWORD);
  const app = await buildApp({ config: ctx.config, store: ctx.store, ownsStore: false, boot: { phase: 'ready', step: null, progress: null, message: 'Ready', background: null }, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const results: Measurement[] = [];
  const contexts: BrowserContext[] = [];
  try {
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'trunguong', password: PASSWORD }) });
    if (!login.ok) throw new Error(`dashboard: log-in failed: ${login.status}`);
    const [name, value] = ((login.headers.get('set-cookie') ?? '').split(';')[0] as string).split('=') as [string, string];
    const fresh = async () => {
      const context = await launch({ name, value }, base);
      contexts.push(context);
      return context;
    };

    // First chart on the national overview: cold server answers once, then warm, each in a fresh profile.
    clearQueryCache();
    const cold = await firstChart(await fresh(), `${base}/`);
    const loads: number[] = [];
    let scripts: Buffer[] = cold.scripts;
    for (let i = 0; i < REPEATS; i++) {
      const context = await fresh();
      const load = await firstChart(context, `${base}/`);
      loads.push(load.ms);
      scripts = load.scripts;
      await context.close();
    }
    results.push({ suite, name: 'national overview: navigation to first chart drawn (fresh profile), p50', value: median(loads), unit: 'ms', target: { op: '<=', value: 1500 }, note: `${REPEATS} loads, slowest ${Math.max(...loads).toFixed(0)} ms; cold server answers: ${cold.ms.toFixed(0)} ms` });
    const sent = scripts.reduce((n, b) => n + b.length, 0);
    const gzipped = scripts.reduce((n, b) => n + gzipSync(b).length, 0);
    results.push({ suite, name: 'JavaScript of the first page, gzipped', value: gzipped / 1024, unit: 'KiB', target: { op: '<=', value: 400 }, note: `${scripts.length} scripts, ${(sent / 1024).toFixed(0)} KiB as the server sends them (uncompressed)` });

    // Switching unit: the overview's child picker, national → a province, back and forth.
    const context = await fresh();
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.waitForFunction(DRAWN, undefined, { polling: 'raf', timeout: 60_000 });
    const toProvince = (code: string) => async () => {
      await page.locator('label.child select').selectOption(code);
    };
    const onUnit = (code: string) => `new URLSearchParams(location.search).get('unit') === '${code}'`;
    const backHome = async () => {
      await page.goto(`${base}/`);
      await page.waitForFunction(DRAWN, undefined, { polling: 'raf', timeout: 60_000 });
    };
    // Cold: the province's answers never asked.
    clearQueryCache();
    const coldUnit = await redraw(page, toProvince(PROVINCES[0] as string), onUnit(PROVINCES[0] as string));
    await backHome();
    for (const code of PROVINCES) {
      await redraw(page, toProvince(code), onUnit(code));
      await backHome();
    }
    const unitSwitches: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const code = PROVINCES[i % PROVINCES.length] as string;
      unitSwitches.push(await redraw(page, toProvince(code), onUnit(code)));
      await backHome();
    }
    results.push({ suite, name: 'switching unit (overview, national → a province): redrawn, p50', value: median(unitSwitches), unit: 'ms', target: { op: '<=', value: 500 }, note: `${REPEATS} switches, slowest ${Math.max(...unitSwitches).toFixed(0)} ms; cold server answers: ${coldUnit.toFixed(0)} ms` });

    // Switching period: the petitions view's period buttons, in turn.
    await page.goto(`${base}/don-thu`);
    await page.waitForFunction(DRAWN, undefined, { polling: 'raf', timeout: 60_000 });
    const choose = (label: string) => async () => {
      await page.getByRole('button', { name: label, exact: true }).click();
    };
    const pressed = (label: string) => `[...document.querySelectorAll('button[aria-pressed="true"]')].some((b) => b.textContent.trim() === '${label}')`;
    clearQueryCache();
    const coldPeriod = await redraw(page, choose(PERIODS[0] as string), pressed(PERIODS[0] as string));
    for (const label of PERIODS) await redraw(page, choose(label), pressed(label));
    const periodSwitches: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const label = PERIODS[(i + 1) % PERIODS.length] as string;
      periodSwitches.push(await redraw(page, choose(label), pressed(label)));
    }
    results.push({ suite, name: 'switching period (petitions view, national): redrawn, p50', value: median(periodSwitches), unit: 'ms', target: { op: '<=', value: 500 }, note: `${REPEATS} switches, slowest ${Math.max(...periodSwitches).toFixed(0)} ms; cold server answers: ${coldPeriod.toFixed(0)} ms` });
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined);
    for (const profile of profiles.splice(0)) fs.rmSync(profile, { recursive: true, force: true });
    await app.close();
  }
  return results;
}
