/**
 * A real embedded store for a test file: a fresh DATA_DIR under the system temp folder, migrated, removed afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../analytics/config.js';
import { openStore, type Store } from '../../analytics/store/index.js';
import { migrate } from '../../analytics/store/migrate.js';

export const SHARED_UNITS_FILE = path.resolve(import.meta.dirname, '../../../shared/data/vn-admin-units-2025.csv');

export interface TestStore {
  store: Store;
  config: Config;
  dataDir: string;
  close(): Promise<void>;
}

export function tempDir(prefix = 'front-pulse-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
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
