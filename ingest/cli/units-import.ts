/**
 * `npm run units:import -- FILE [--effective YYYY-MM-DD] [--sheet NAME] [--partial] [--allow-mass-closing] [--json]`
 * Loads a registry file, CSV or XLSX: the official list of provinces and communes (the columns of
 * vn-admin-units-2025.csv), or the table of former units and what they became (vn-unit-successions-2025.csv).
 * Re-importing the same file changes nothing. While the server holds the store, the file goes through it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../analytics/config.js';
import { findLocalServer } from '../../analytics/store/local-server.js';
import { openCommandStore, parseCliArgs, runCli, UserError } from '../../analytics/cli/run.js';
import { importRegistryFile, type RegistrySummary } from '../kinds/registry.js';
import { detectFormat, fileSource, XLSX_MEDIA_TYPE } from '../readers/index.js';
import { printSummary } from './summary.js';

const USAGE = 'usage: npm run units:import -- FILE [--effective YYYY-MM-DD] [--sheet NAME] [--partial] [--allow-mass-closing] [--json]';

runCli(async () => {
  const parsed = parseCliArgs(
    {
      effective: { type: 'string' },
      sheet: { type: 'string' },
      partial: { type: 'boolean', default: false },
      'allow-mass-closing': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    USAGE,
  );
  const { values: args, positionals } = parsed;
  if (positionals.length !== 1) throw new UserError(USAGE, 2);
  const file = positionals[0] as string;
  const source = fileSource(file);
  const options = { effective: args.effective, sheet: args.sheet, partial: args.partial, allowMassClosing: args['allow-mass-closing'] };
  const config = loadConfig();
  const server = findLocalServer(config);
  let summary: RegistrySummary;
  if (server) {
    const query = new URLSearchParams({ file: path.basename(file) });
    for (const [k, v] of Object.entries(options)) if (v !== undefined && v !== false) query.set(k, String(v));
    const type = detectFormat(file) === 'xlsx' ? XLSX_MEDIA_TYPE : 'text/csv';
    summary = await server.request<RegistrySummary>('POST', `/api/admin/units/import?${query}`, fs.readFileSync(file), type);
  } else {
    const store = await openCommandStore(config, 'npm run units:import');
    try {
      summary = await importRegistryFile(store, source, { ...options, wayIn: 'cli' });
    } finally {
      await store.close();
    }
  }
  if (args.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  printSummary(summary, server?.url);
  const r = summary.registry;
  if (!r) return;
  process.stdout.write(
    `registry from ${r.effective}: provinces +${r.provinces.added} changed ${r.provinces.changed} closed ${r.provinces.closed}; ` +
      `communes +${r.communes.added} changed ${r.communes.changed} closed ${r.communes.closed} unchanged ${r.communes.unchanged}\n`,
  );
});
