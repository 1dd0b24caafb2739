/**
 * A real embedded store for a test file: a fresh DATA_DIR under the system temp folder, migrated, removed afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../analytics/config.js';
import { openStore, type Store } from '../../analytics/store/index.js';
import { migrate } from '../../analytics/store/migrate.js';
import { loadSealer } from '../../analytics/privacy/seal.js';
import { importOfficialUnits } from '../../ingest/kinds/official-units.js';
import { fileSource } from '../../ingest/readers/index.js';
import { ingestFile } from '../../ingest/pipeline/ingest.js';
import { stopLabelPool } from '../../ingest/pipeline/label-pool.js';
import type { IngestKind } from '../../ingest/kinds/spec.js';
import type { Lang } from '../../ingest/faults.js';

export const SHARED_UNITS_FILE = path.resolve(import.meta.dirname, '../../../shared/data/vn-admin-units-2025.csv');

export interface TestStore {
  store: Store;
  config: Config;
  dataDir: string;
  close(): Promise<void>;
}

const made: string[] = [];
// Every test file runs in a process of its own: what it made in the temp folder goes when the process ends.
process.once('exit', () => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'front-pulse-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export async function openTestStore(options: { migrate?: boolean; env?: Record<string, string> } = {}): Promise<TestStore> {
  const dataDir = tempDir();
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...options.env });
  const store = await openStore(config, { role: 'command', command: 'vitest' });
  if (options.migrate !== false) await migrate(store);
  return {
    store,
    config,
    dataDir,
    async close() {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A store for ingestion tests: the real registry of 34 provinces and 3,321 communes loaded, and `load` to ingest a
 * file as the CLI does. Closing also stops the labelling threads.
 */
export async function openIngestStore(options: { env?: Record<string, string> } = {}) {
  const t = await openTestStore(options);
  await importOfficialUnits(t.store, fileSource(SHARED_UNITS_FILE), { wayIn: 'cli' });
  const sealer = loadSealer(t.config);
  return {
    ...t,
    sealer,
    load: (kind: IngestKind, file: string, more: { sheet?: string; resubmitOf?: string; lang?: Lang } = {}) =>
      ingestFile(t.store, kind, fileSource(file), { wayIn: 'cli', sealer, ...more }),
    async close() {
      await stopLabelPool();
      await t.close();
    },
  };
}
