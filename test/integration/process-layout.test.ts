/**
 * One process owns the embedded store: real server processes on one DATA_DIR, a second server refused with a clear
 * message, commands going through the running server, and the store intact afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../analytics/config.js';
import { openStore } from '../../analytics/store/index.js';
import { OWNER_FILE, readControlToken, readOwner } from '../../analytics/store/owner.js';
import { SHARED_UNITS_FILE, tempDir } from '../support/store.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dataDir = tempDir();
const env = { ...process.env, DATA_DIR: dataDir, PORT: '0', DEMO_ON_EMPTY: 'false', LOG_LEVEL: 'warn' };
const children: ChildProcess[] = [];

function run(entry: string, args: string[] = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  const exit = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return { child, exit, out: () => stdout, err: () => stderr };
}

async function until<T>(probe: () => Promise<T | undefined>, seconds = 60): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 250));
  }
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('process layout', () => {
  let baseUrl = '';
  const first = run('server/main.ts');

  it('the first server claims DATA_DIR and gets ready', async () => {
    const owner = await until(async () => readOwner(dataDir)?.port || undefined);
    baseUrl = `http://127.0.0.1:${owner}`;
    const health = await until(async () => {
      const h = (await (await fetch(`${baseUrl}/api/health`)).json()) as { status: string };
      return h.status === 'ok' ? h : undefined;
    });
    expect(health).toMatchObject({ status: 'ok', engine: 'embedded' });
  });

  it('a second server on the same DATA_DIR stops with a message naming the first', async () => {
    const second = run('server/main.ts');
    expect(await second.exit).toBe(1);
    expect(second.err()).toContain(`is in use by the Front Pulse server (pid ${first.child.pid}`);
    // As a local command asks it: with the control token the first server left in DATA_DIR.
    const headers = { authorization: `Bearer ${readControlToken(dataDir)}` };
    const coverage = (await (await fetch(`${baseUrl}/api/coverage`, { headers })).json()) as { communes: { total: number } };
    expect(coverage.communes.total).toBe(3321);
  });

  it('a command that needs the store goes through the running server', async () => {
    const imp = run('ingest/cli/units-import.ts', [SHARED_UNITS_FILE, '--json']);
    expect(await imp.exit).toBe(0);
    expect(JSON.parse(imp.out())).toMatchObject({ read: 3321, stored: 0, duplicates: 3321 });
    const mig = run('analytics/cli/migrate.ts');
    expect(await mig.exit).toBe(0);
    expect(mig.out()).toContain('through the server');
  });

  it('the demo, which rewrites whole tables, refuses while the server runs', async () => {
    const demo = run('ingest/cli/demo.ts', ['--petitions', '10', '--posts', '10']);
    expect(await demo.exit).toBe(1);
    expect(demo.err()).toContain('is in use by the Front Pulse server');
  });

  it('the server stops cleanly and leaves the store intact for the next process', async () => {
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    expect(fs.existsSync(path.join(dataDir, OWNER_FILE))).toBe(false);
    const store = await openStore(loadConfig({ DATA_DIR: dataDir }), { role: 'command', command: 'vitest' });
    try {
      const [row] = await store.query<{ n: number }>("SELECT count() AS n FROM units FINAL WHERE level = 'commune'");
      expect(row?.n).toBe(3321);
      // Meanwhile no other process may open it.
      const demo = run('ingest/cli/demo.ts', ['--petitions', '10', '--posts', '10']);
      expect(await demo.exit).toBe(1);
      expect(demo.err()).toContain(`is in use by the command "vitest" (pid ${process.pid}`);
    } finally {
      await store.close();
    }
  });

  it('an owner file left by a process that died does not lock the store forever', async () => {
    fs.writeFileSync(path.join(dataDir, OWNER_FILE), JSON.stringify({ pid: 2 ** 22 + 12345, role: 'server', command: 'npm start', startedAt: '2025-01-01T00:00:00Z', port: 1 }));
    const store = await openStore(loadConfig({ DATA_DIR: dataDir }), { role: 'command', command: 'vitest' });
    expect(readOwner(dataDir)?.pid).toBe(process.pid);
    await store.close();
  });
});
