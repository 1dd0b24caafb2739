/**
 * Real Chromium for end-to-end tests: Debian's /usr/bin/chromium driven by playwright-core, headless, with a fresh
 * profile and no background networking (the machine has no internet). Screenshots go to test-results/screenshots,
 * which CI keeps.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { openTestStore, tempDir, type TestStore } from './store.js';
import { buildApp } from '../../server/app.js';
import { buildDemo } from '../../ingest/demo/index.js';
import { loadSealer } from '../../analytics/privacy/seal.js';
import { ensureDemoUsers } from '../../analytics/access/demo-users.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

export async function launchBrowser(viewport = { width: 1366, height: 900 }): Promise<BrowserContext> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (see .ci/run) or set CHROMIUM_PATH`);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launchPersistentContext(tempDir('front-pulse-chromium-'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export function screenshotPath(name: string): string {
  return path.join(SCREENSHOTS, `${name}.png`);
}

/** Logs a browser context in through the log-in page, as a user would; the session cookie then serves every page. */
export async function logIn(context: BrowserContext, base: string, login: string, password: string): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto(`${base}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('Tên đăng nhập').fill(login);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('header .who').waitFor();
  } finally {
    await page.close();
  }
}

export const DEMO_PASSWORD = 'mật-khẩu-thử-nghiệm';
export const DEMO_REFERENCE = '2025-09-16';

export interface DemoServer {
  base: string;
  store: TestStore;
  close(): Promise<void>;
}

/**
 * The dashboard (built when stale) served by the real server over a small demo store with the demo's users, on a
 * port of its own: what the browser tests open.
 */
export async function serveDemo(options: { env?: Record<string, string> } = {}): Promise<DemoServer> {
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, '../../scripts/build-dashboard.mjs'), '--if-stale'], { stdio: 'inherit' });
  const store = await openTestStore({ env: options.env });
  await buildDemo(store.store, loadSealer(store.config), { petitions: 300, posts: 300 });
  await ensureDemoUsers(store.store, DEMO_REFERENCE, DEMO_PASSWORD);
  const app = await buildApp({
    config: store.config,
    store: store.store,
    ownsStore: false,
    boot: { phase: 'ready', step: null, progress: null, message: 'Ready', background: null },
    logger: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return {
    base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    store,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** The API's answer for the user logged in to this browser. */
export async function apiAs<T>(context: BrowserContext, base: string, address: string): Promise<T> {
  const cookie = (await context.cookies(base)).map((c) => `${c.name}=${c.value}`).join('; ');
  const response = await fetch(`${base}${address}`, { headers: { cookie } });
  if (response.status !== 200) throw new Error(`${address}: ${response.status}`);
  return (await response.json()) as T;
}
