/**
 * `npm run bench -- [--suites foundation,…] [--scale N] [--data-dir DIR [--reuse]]`
 * Runs the benchmark suites on a store of its own (a fresh directory unless --data-dir is given), prints a table and
 * writes bench/results.json. Targets are shown beside each measurement.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../analytics/config.js';
import { openStore, type Store } from '../analytics/store/index.js';
import { migrate } from '../analytics/store/migrate.js';
import { progressPrinter, runCli, UserError } from '../analytics/cli/run.js';
import type { DemoProgress } from '../ingest/demo/context.js';
import { printTable, writeResults, type Measurement } from './harness.js';
import { foundation } from './suites/foundation.js';
import { ingest } from './suites/ingest.js';
import { nlp } from './suites/nlp.js';
import { api } from './suites/api.js';
import { dashboard } from './suites/dashboard.js';
import { intake } from './suites/intake.js';

export interface BenchContext {
  config: Config;
  store: Store;
  scale: number;
  /** --reuse: an existing demo in --data-dir is used as it is, instead of being rebuilt (for quick re-runs). */
  reuse: boolean;
  log: (line: string) => void;
  progress: (p: DemoProgress) => void;
}

const SUITES: Record<string, (ctx: BenchContext) => Promise<Measurement[]>> = { foundation, api, nlp, ingest, intake, dashboard };
const RESULTS_FILE = fileURLToPath(new URL('./results.json', import.meta.url));

runCli(async () => {
  const { values } = parseArgs({
    options: { suites: { type: 'string' }, scale: { type: 'string', default: '1' }, 'data-dir': { type: 'string' }, reuse: { type: 'boolean', default: false } },
  });
  if (values.reuse && !values['data-dir']) throw new UserError('--reuse needs --data-dir: the store to reuse', 2);
  const names = values.suites ? values.suites.split(',') : Object.keys(SUITES);
  const unknown = names.filter((n) => !SUITES[n]);
  if (unknown.length > 0) throw new UserError(`unknown suite(s) ${unknown.join(', ')}; suites: ${Object.keys(SUITES).join(', ')}`, 2);
  const scale = Number(values.scale);
  if (!(scale > 0)) throw new UserError(`--scale must be above 0, got ${values.scale}`, 2);

  const dataDir = values['data-dir'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'front-pulse-bench-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const store = await openStore(config, { role: 'command', command: 'npm run bench' });
  const print = progressPrinter(process.stderr, false);
  const ctx: BenchContext = { config, store, scale, reuse: values.reuse, log: (l) => process.stderr.write(`${l}\n`), progress: (p) => print(`demo (${p.step})`, p.overall ?? 0, 100) };
  const results: Measurement[] = [];
  try {
    await migrate(store);
    for (const name of names) results.push(...(await (SUITES[name] as (c: BenchContext) => Promise<Measurement[]>)(ctx)));
  } finally {
    await store.close();
    if (!values['data-dir']) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  printTable(results);
  writeResults(results, RESULTS_FILE);
  process.stdout.write(`\nwritten to ${path.relative(process.cwd(), RESULTS_FILE)}\n`);
});
