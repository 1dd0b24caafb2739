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
