/**
 * `npm start`: the one Front Pulse process that owns the store. It claims DATA_DIR (or connects to CLICKHOUSE_URL),
 * starts answering at once, then migrates and, on an empty store, builds the demo while /api/health reports progress;
 * once the store is ready, the inbox and the opinion feeds are taken on their schedules.
 * A second server on the same DATA_DIR stops with a message naming the first; the store is left untouched.
 */
import { loadConfig } from '../analytics/config.js';
import { openStore } from '../analytics/store/index.js';
import { createControlToken, updateOwner } from '../analytics/store/owner.js';
import { runCli } from '../analytics/cli/run.js';
import { buildApp } from './app.js';
import { bootStore, initialBootState } from './plugins/app/boot.js';
import { growHeapsByATenth } from '../ingest/pipeline/heap.js';

// Uploads and inbox files are ingested here as by the command, within the same memory.
growHeapsByATenth();

runCli(async () => {
  const config = loadConfig();
  const store = await openStore(config, { role: 'server', command: 'npm start' });
  const boot = initialBootState();
  const controlToken = store.engine === 'embedded' ? createControlToken(config.dataDir) : undefined;
  const app = await buildApp({ config, store, boot, controlToken });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  if (store.engine === 'embedded') updateOwner(config.dataDir, { host: config.host, port });
  app.log.info(`Front Pulse on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port} (store: ${store.engine}, ${store.location})`);

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.log.info(`${signal}: closing (the store is closed cleanly)`);
      app.close().then(resolve, resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    void bootStore(config, store, boot, app.log).then(() => {
      if (boot.phase !== 'ready' || stopping) return;
      app.schedules.start();
      // What a crash left in the intake queue is routed now.
      app.intake.kick();
    });
  });
});
