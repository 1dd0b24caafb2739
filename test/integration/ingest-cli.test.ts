/**
 * The ingest commands as users run them, in processes of their own: the summary on stdout (--json), clear messages
 * and exit codes for mistakes, a run killed with SIGKILL in the middle and run again leaving exactly one copy of every
 * row (with its label and its "received" event), and the commands going through a running server.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../analytics/config.js';
import { openStore } from '../../analytics/store/index.js';
import { readOwner } from '../../analytics/store/owner.js';
import { SHARED_UNITS_FILE, tempDir } from '../support/store.js';
import { writeFile } from '../support/files.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SAMPLES = path.join(ROOT, 'ingest/samples');
const dirs: string[] = [];
const running: ReturnType<typeof spawn>[] = [];

function newDataDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a command of the project (a TypeScript entry point) with DATA_DIR; `onStderr` may kill it. */
function run(dataDir: string, entry: string, args: string[], onStderr?: (text: string, kill: () => void) => void): Promise<Ran> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO_ON_EMPTY: 'false', PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => {
    stderr += d;
    onStderr?.(stderr, () => child.kill('SIGKILL'));
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

const ingest = (dataDir: string, args: string[], onStderr?: (text: string, kill: () => void) => void) => run(dataDir, 'ingest/cli/ingest.ts', args, onStderr);
const importUnits = async (dataDir: string) => expect((await run(dataDir, 'ingest/cli/units-import.ts', [SHARED_UNITS_FILE])).code).toBe(0);

afterAll(() => {
  for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('npm run ingest', () => {
  const dataDir = newDataDir();

  it('refuses a file while the store holds no units, and says how to load them', async () => {
    const ran = await ingest(dataDir, ['officers', path.join(SAMPLES, 'officers.csv'), '--json']);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toMatch(/officers\.csv: not loaded: the store holds no provinces or communes in force on \d{4}-\d{2}-\d{2}/);
    expect(ran.stderr).toContain('npm run units:import -- ingest/data/vn-admin-units-2025.csv');
    // Refused before a run starts: no run, nothing quarantined.
    const listed = await run(dataDir, 'ingest/cli/quarantine.ts', ['--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([]);
  });

  it('prints the summary as one JSON object with --json', async () => {
    await importUnits(dataDir);
    const ran = await ingest(dataDir, ['officers', path.join(SAMPLES, 'variants/officers.tcvn3.csv'), '--json']);
    expect(ran.code).toBe(0);
    const summary = JSON.parse(ran.stdout);
    expect(summary).toMatchObject({ kind: 'officers', encoding: 'tcvn3 (detected)', read: 7, stored: 7, duplicates: 0, quarantined: 0, errors: [] });
    expect(summary.runId).toMatch(/^\d{8}-\d{6}-[0-9a-f]{6}$/);
  });

  it('prints a readable summary with the quarantined rows and how to correct them', async () => {
    const file = writeFile('petitions.jsonl', `${fs.readFileSync(path.join(SAMPLES, 'petitions.jsonl'), 'utf8')}{"ma_don":"X-1","ngay_tiep_nhan":"32/13/2025","kenh":"web","ma_xa":"00226","noi_dung":"Đèn hỏng"}\n`);
    const ran = await ingest(dataDir, ['petitions', file]);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('read 7, stored 6, duplicates 0, quarantined 1');
    expect(ran.stdout).toMatch(/petitions\.jsonl:7 received_at: "32\/13\/2025" is not a date/);
    expect(ran.stdout).toMatch(/npm run ingest:quarantine -- \d{8}-\d{6}-[0-9a-f]{6}/);
    const runId = /ingest:quarantine -- (\S+)/.exec(ran.stdout)?.[1] as string;
    const listed = await run(dataDir, 'ingest/cli/quarantine.ts', [runId, '--json']);
    expect(JSON.parse(listed.stdout)).toMatchObject({ run: { run_id: runId, quarantined: 1 }, rows: [{ row: 7, field: 'received_at' }] });
    // In Vietnamese when asked, the summary and the quarantine alike.
    const vi = await ingest(dataDir, ['petitions', file, '--lang', 'vi']);
    expect(vi.stdout).toContain('đã đọc 7, đã lưu 0, trùng 6, giữ lại 1');
    expect(vi.stdout).toMatch(/petitions\.jsonl:7 received_at: "32\/13\/2025" không phải là ngày giờ/);
    const listedVi = await run(dataDir, 'ingest/cli/quarantine.ts', [runId, '--lang', 'vi']);
    expect(listedVi.stdout).toContain('dòng 7 received_at: "32/13/2025" không phải là ngày giờ');
    const wrong = await ingest(dataDir, ['petitions', file, '--lang', 'fr']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('"fr" is not a language (vi, en)');
  });

  it('stops with the usage for a mistake in the command, and names the file it cannot read', async () => {
    const usage = await ingest(dataDir, ['villages', 'x.csv']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/"villages" is not a kind of data\nusage: npm run ingest -- KIND FILE/);
    const missing = await ingest(dataDir, ['officers', '/no/such/file.csv']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('/no/such/file.csv: no such file');
  });

  it('names an empty file, and a workbook cut off', async () => {
    const empty = writeFile('trong.csv', '');
    expect((await ingest(dataDir, ['officers', empty])).stderr.trim()).toBe(`${empty}: is empty (0 bytes)`);
    expect((await ingest(dataDir, ['officers', empty, '--lang', 'vi'])).stderr.trim()).toBe(`${empty}: là tệp rỗng (0 byte)`);
    const emptyLines = writeFile('trong.jsonl', '');
    expect((await ingest(dataDir, ['petitions', emptyLines])).stderr.trim()).toBe(`${emptyLines}: is empty (0 bytes)`);
    const cut = writeFile('cat-ngang.xlsx', fs.readFileSync(path.join(SAMPLES, 'variants/petitions.xlsx')).subarray(0, 3000));
    const ran = await ingest(dataDir, ['petitions', cut]);
    expect(ran.code).toBe(1);
    expect(ran.stderr.trim()).toBe(`${cut}: not a readable .xlsx workbook: the file is empty or ends too early (cut off in copying or downloading?)`);
  });

  it('says how to save a workbook it does not read, and names a workbook or PDF renamed as CSV', async () => {
    // The first bytes of an Excel 97–2003 file (OLE2), an .xlsx (ZIP) and a PDF.
    const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512, 0)]);
    const old = writeFile('danh-sach.xls', xls);
    const asXls = await ingest(dataDir, ['officers', old]);
    expect(asXls.code).toBe(1);
    expect(asXls.stderr.trim()).toBe(`${old}: an Excel 97–2003 workbook (.xls) is not read: save it as an Excel Workbook (.xlsx) or as CSV UTF-8, and load that`);
    const inVietnamese = await ingest(dataDir, ['officers', old, '--lang', 'vi']);
    expect(inVietnamese.code).toBe(1);
    expect(inVietnamese.stderr.trim()).toBe(`${old}: không đọc được định dạng sổ tính Excel 97–2003 (.xls): hãy lưu lại dưới dạng Excel Workbook (.xlsx) hoặc CSV UTF-8 rồi nạp tệp đó`);
    for (const [kind, bytes, what] of [
      ['officers', xls, /is an Excel 97–2003 workbook \(\.xls\), not text: open it in Excel and save it as an Excel Workbook \(\.xlsx\) or as CSV UTF-8$/],
      ['petitions', fs.readFileSync(path.join(SAMPLES, 'variants/petitions.xlsx')), /is a ZIP archive \(an \.xlsx workbook is one\), not text: load a workbook with its \.xlsx name, or save it as CSV UTF-8$/],
      ['opinion_posts', Buffer.from('%PDF-1.7\n'), /is a PDF document, not a table/],
    ] as const) {
      const renamed = writeFile(`${kind}.csv`, bytes);
      const ran = await ingest(dataDir, [kind, renamed]);
      expect(ran.code).toBe(1);
      expect(ran.stderr.trim()).toMatch(new RegExp(`^${renamed.replace(/[.\\/]/g, '\\$&')}: ${what.source}`));
    }
  });
});

/** Petitions with real communes and Vietnamese texts, one per line. */
function petitionsFile(count: number): string {
  const communes = fs.readFileSync(SHARED_UNITS_FILE, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[2] as string);
  const texts = fs.readFileSync(path.join(SAMPLES, 'petitions.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)['nội dung'] as string);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(JSON.stringify({ ma_don: `K-${i}`, ngay_tiep_nhan: `2025-08-${day} 09:00`, kenh: 'app', ma_xa: communes[i % communes.length], noi_dung: `${texts[i % texts.length]} (số ${i})` }));
  }
  return writeFile('kill.jsonl', `${lines.join('\n')}\n`);
}

describe('a run killed with SIGKILL and run again', () => {
  const dataDir = newDataDir();
  const N = 150_000;

  it('leaves exactly one copy of every row, with its label and its received event', async () => {
    await importUnits(dataDir);
    const file = petitionsFile(N);
    // Killed at its first progress line that shows stored rows: batches are written, the file is not done.
    const killed = await ingest(dataDir, ['petitions', file], (text, kill) => {
      const done = [...text.matchAll(/([\d,]+) rows/g)].map((m) => Number((m[1] as string).replace(/,/g, '')));
      if (done.some((n) => n > 0 && n < N)) kill();
    });
    expect(killed.signal).toBe('SIGKILL');

    const again = await ingest(dataDir, ['petitions', file, '--json']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/was cut short; loading its file again stores nothing twice/);
    const summary = JSON.parse(again.stdout);
    expect(summary.read).toBe(N);
    expect(summary.quarantined).toBe(0);
    // The killed run had stored some: the second stores the rest.
    expect(summary.duplicates).toBeGreaterThan(0);
    expect(summary.stored + summary.duplicates).toBe(N);

    const store = await openStore(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { role: 'command', command: 'vitest' });
    try {
      const one = async (sql: string) => Number((await store.query<{ n: string }>(sql))[0]?.n);
      expect(await one("SELECT count() AS n FROM petitions WHERE startsWith(petition_id, 'K-')")).toBe(N);
      expect(await one("SELECT uniqExact(petition_id) AS n FROM petitions WHERE startsWith(petition_id, 'K-')")).toBe(N);
      expect(await one("SELECT count() AS n FROM petition_events WHERE startsWith(petition_id, 'K-') AND status = 'received'")).toBe(N);
      expect(await one("SELECT count() AS n FROM (SELECT item_id FROM nlp_labels WHERE item_kind = 'petition' AND startsWith(item_id, 'K-') GROUP BY item_id, model_version HAVING count() = 1)")).toBe(N);
      const statuses = await store.query<{ status: string }>("SELECT toString(status) AS status FROM ingest_runs FINAL WHERE kind = 'petitions' AND file LIKE '%kill.jsonl' ORDER BY started_at");
      expect(statuses.map((s) => s.status)).toEqual(['interrupted', 'done']);
    } finally {
      await store.close();
    }
  });
});

describe('the commands while the server holds the store', () => {
  const dataDir = newDataDir();

  it('streams the file to the server, and lists the quarantine through it', async () => {
    await importUnits(dataDir);
    const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO_ON_EMPTY: 'false', PORT: '0' },
      stdio: 'ignore',
    });
    running.push(server);
    for (let i = 0; i < 240 && !readOwner(dataDir)?.port; i++) await new Promise((r) => setTimeout(r, 250));
    const port = readOwner(dataDir)?.port;
    for (let i = 0; i < 240; i++) {
      const health = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.json() as Promise<{ status: string }>, () => undefined);
      if (health?.status === 'ok') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const ran = await ingest(dataDir, ['units', path.join(SAMPLES, 'variants/units.xlsx'), '--sheet', 'Danh sách thôn']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/through the server at http:\/\/127\.0\.0\.1:\d+/);
    expect(ran.stdout).toContain('read 12, stored 12, duplicates 0, quarantined 0');
    const runs = await run(dataDir, 'ingest/cli/quarantine.ts', ['--json']);
    expect(JSON.parse(runs.stdout)[0]).toMatchObject({ kind: 'units', way_in: 'http', stored: 12 });
    server.kill('SIGTERM');
    await new Promise((r) => server.on('exit', r));
  });
});
