/**
 * Real Chromium for end-to-end tests: Debian's /usr/bin/chromium driven by playwright-core, headless, with a fresh
 * profile and no background networking (the machine has no internet). Screenshots go to test-results/screenshots,
 * which CI keeps.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { tempDir } from './store.js';

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
