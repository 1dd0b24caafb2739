/**
 * `npm run migrate`: applies pending schema migrations. Safe to re-run. While the server holds the embedded store,
 * the server applies them.
 */
import { loadConfig } from '../config.js';
import { openStore } from '../store/index.js';
import { migrate, type MigrationReport } from '../store/migrate.js';
import { findLocalServer } from '../store/local-server.js';
import { runCli } from './run.js';

function print(report: MigrationReport, where: string): void {
  for (const m of report.applied) process.stdout.write(`applied ${String(m.version).padStart(4, '0')}_${m.name}\n`);
  process.stdout.write(`${report.applied.length} migration(s) applied, ${report.alreadyApplied} already applied (${where})\n`);
}

runCli(async () => {
  const config = loadConfig();
  const server = findLocalServer(config);
  if (server) {
    print(await server.request<MigrationReport>('POST', '/api/admin/migrate'), `through the server at ${server.url}`);
    return;
  }
  const store = await openStore(config, { role: 'command', command: 'npm run migrate' });
  try {
    print(await migrate(store), store.location);
  } finally {
    await store.close();
  }
});
