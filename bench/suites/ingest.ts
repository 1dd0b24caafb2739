/**
 * Ingest benchmarks: a 1,000,000-row officer roster CSV, 1,000,000 petitions and 1,000,000 opinion posts as JSON Lines
 * (both labelled as they are stored), each loaded by the real command (`ingest/cli/ingest.ts KIND FILE --json`) in a process of its own with a
 * fresh store holding only the official registry. Measured: rows per second, also against the speed at which
 * ClickHouse itself loads the roster (INSERT … SELECT FROM file() into a plain table, in the bench's store), and the
 * command's peak RSS at two input sizes. The inputs are generated (bench/ingest-files.ts) and deleted afterwards.
 *
 * What is timed: each command from spawn to exit, minus the same command on the file's first 1,000 rows (start-up:
 * Node and tsx, the embedded engine, migrations, the labelling threads' models); both are reported. The note beside
 * each speed also gives the run's CPU time (every thread of the process, start-up taken off) against what the target
 * allows on this machine's cores: unlike the wall time, it does not grow when other work shares the machine.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '../../analytics/store/index.js';
import type { IngestSummary } from '../../ingest/pipeline/run.js';
import type { IngestKind } from '../../ingest/kinds/spec.js';
import { writeOfficersCsv, writeOpinionPostsJsonl, writePetitionsJsonl, type Generated, type GeneratedFile } from '../ingest-files.js';
import type { Measurement } from '../harness.js';
import type { BenchContext } from '../run.js';

const suite = 'ingest';
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const UNITS_FILE = path.join(REPO, 'ingest/data/vn-admin-units-2025.csv');
const EXIT_USAGE_MODULE = './bench/exit-usage.mjs';

/** Rows of each file at --scale 1. */
const ROWS = 1_000_000;
/** Rows of the start-up run: the head of the same file, so the full run finds them stored (duplicates). */
const HEAD_ROWS = 1_000;
/** Loads of the roster by ClickHouse alone; the median is the reference. */
const BASELINE_ROUNDS = 3;

const OFFICERS_ROWS_PER_S = 200_000;
/** The command's speed on the roster, as a share of ClickHouse's own. */
const SHARE_OF_CLICKHOUSE = 0.4;
const PETITIONS_ROWS_PER_S = 20_000;
const PEAK_RSS_MIB = 1024;

/** The roster's columns in the file's order, as the plain table of the reference load names them. */
const OFFICER_FILE_COLUMNS = ['officer_id', 'unit_code', 'full_name', 'gender', 'birth_year', 'organisation', 'position', 'phone', 'status', 'updated_at'];
const REFERENCE_TABLE = 'bench_officers_file';

const MIB = 2 ** 20;
const count = (n: number) => n.toLocaleString('en-US');

interface CommandRun {
  seconds: number;
  /** User and system CPU time of the process, every thread. */
  cpuSeconds: number;
  peakRssBytes: number;
  stdout: string;
}

interface KindRuns {
  kind: IngestKind;
  full: GeneratedFile;
  head: GeneratedFile;
  startUp: CommandRun;
  run: CommandRun;
  summary: IngestSummary;
  /** Rows per second of the full file, start-up taken off. */
  netRate: number;
  /** The machine's one-minute load average as the full run started: other work on it slows the run down. */
  load: number;
}

export async function ingest(ctx: BenchContext): Promise<Measurement[]> {
  const rows = Math.round(ROWS * ctx.scale);
  const headRows = Math.max(1, Math.min(HEAD_ROWS, Math.floor(rows / 10)));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'front-pulse-bench-ingest-'));
  const results: Measurement[] = [];
  try {
    ctx.log(`ingest: generating a roster of ${count(rows)} rows in ${dir}`);
    const officers = writeOfficersCsv(path.join(dir, 'officers.csv'), path.join(dir, 'officers-head.csv'), rows, headRows);
    const reference = await referenceLoad(ctx, officers.full);
    // Dropped before the command runs: the bench's own engine would otherwise merge its parts on the same two cores.
    await dropReference(ctx.store);
    const officerRuns = await loadWithCommand(ctx, dir, 'officers', officers);
    fs.rmSync(officers.full.file);

    ctx.log(`ingest: generating ${count(rows)} petitions`);
    const petitions = writePetitionsJsonl(path.join(dir, 'petitions.jsonl'), path.join(dir, 'petitions-head.jsonl'), rows, headRows);
    const petitionRuns = await loadWithCommand(ctx, dir, 'petitions', petitions);
    fs.rmSync(petitions.full.file);

    ctx.log(`ingest: generating ${count(rows)} opinion posts`);
    const posts = writeOpinionPostsJsonl(path.join(dir, 'posts.jsonl'), path.join(dir, 'posts-head.jsonl'), rows, headRows);
    const postRuns = await loadWithCommand(ctx, dir, 'opinion_posts', posts);

    const officersName = `officers CSV ${count(rows)} rows`;
    const share = officerRuns.netRate / reference.rate;
    results.push(
      { suite, name: `${officersName}: ClickHouse INSERT … SELECT FROM file() (median of ${BASELINE_ROUNDS})`, value: reference.rate, unit: 'rows/s', note: `${reference.seconds.map((s) => s.toFixed(2)).join(', ')} s, CPU ${reference.cpuSeconds.map((s) => s.toFixed(2)).join(', ')} s; a plain MergeTree table of String columns in the bench's store` },
      ...speeds(officersName, officerRuns, OFFICERS_ROWS_PER_S),
      { suite, name: `${officersName}: command speed / ClickHouse file() speed`, value: share, unit: 'ratio', target: { op: '>=', value: SHARE_OF_CLICKHOUSE }, note: `${count(Math.round(officerRuns.netRate))} / ${count(Math.round(reference.rate))} rows/s` },
      ...speeds(`petitions JSONL ${count(rows)} rows, labelled`, petitionRuns, PETITIONS_ROWS_PER_S),
      // Posts have no speed target of their own; their peak memory has the same bound as every input's.
      ...speeds(`opinion posts JSONL ${count(rows)} rows, labelled`, postRuns),
      ...peakRss(officerRuns),
      ...peakRss(petitionRuns),
      ...peakRss(postRuns),
    );
  } finally {
    await dropReference(ctx.store);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

function speeds(name: string, r: KindRuns, target?: number): Measurement[] {
  const s = r.summary;
  const counts = `read ${count(s.read)}, stored ${count(s.stored)}, duplicates ${count(s.duplicates)}, quarantined ${count(s.quarantined)}`;
  return [
    {
      suite,
      name: `${name}: command, start-up taken off`,
      value: r.netRate,
      unit: 'rows/s',
      ...(target === undefined ? {} : { target: { op: '>=' as const, value: target } }),
      note: `${(r.run.seconds - r.startUp.seconds).toFixed(1)} s = ${r.run.seconds.toFixed(1)} s run − ${r.startUp.seconds.toFixed(1)} s start-up; ${cpu(r, target)}; ${counts}`,
    },
    { suite, name: `${name}: command, whole process`, value: r.full.rows / r.run.seconds, unit: 'rows/s', note: `spawn to exit, ${r.run.seconds.toFixed(1)} s` },
    { suite, name: `${name}: start-up (the same command on the file's first ${count(r.head.rows)} rows)`, value: r.startUp.seconds, unit: 's' },
  ];
}

/** The run's CPU time a row, and what a row may cost to reach the target (if any) with every core busy. */
function cpu(r: KindRuns, target?: number): string {
  const seconds = r.run.cpuSeconds - r.startUp.cpuSeconds;
  const cores = os.availableParallelism();
  const allowed = target === undefined ? '' : `, the target allows ${((cores * 1e6) / target).toFixed(0)} on ${cores} cores`;
  return `CPU ${seconds.toFixed(1)} s = ${((seconds * 1e6) / r.full.rows).toFixed(0)} µs a row${allowed}; load average ${r.load.toFixed(1)}`;
}

function peakRss(r: KindRuns): Measurement[] {
  const name = `peak RSS of the command, ${r.kind}`;
  return [
    { suite, name: `${name}, ${count(r.head.rows)} rows`, value: r.startUp.peakRssBytes / MIB, unit: 'MiB' },
    { suite, name: `${name}, ${count(r.full.rows)} rows`, value: r.run.peakRssBytes / MIB, unit: 'MiB', target: { op: '<', value: PEAK_RSS_MIB }, note: 'getrusage maxrss of the process (threads and chDB included)' },
  ];
}

/** How fast ClickHouse alone loads the roster into a plain table: the ceiling for the command. */
async function referenceLoad(ctx: BenchContext, file: GeneratedFile): Promise<{ rate: number; seconds: number[]; cpuSeconds: number[] }> {
  const store = ctx.store;
  const columns = OFFICER_FILE_COLUMNS.map((c) => `${c} String`).join(', ');
  // TRICKY: columns built from code constants; the file's Vietnamese header is matched by position, not by name.
  await store.command(`CREATE OR REPLACE TABLE {table:Identifier} (${columns}) ENGINE = MergeTree ORDER BY tuple()`, { table: REFERENCE_TABLE });
  const seconds: number[] = [];
  const cpuSeconds: number[] = [];
  for (let round = 0; round < BASELINE_ROUNDS; round++) {
    await store.command('TRUNCATE TABLE {table:Identifier}', { table: REFERENCE_TABLE });
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    // chDB resolves a relative path against the working directory; an absolute one is read as it is (no user_files).
    await store.command(
      `INSERT INTO {table:Identifier} SELECT * FROM file({file:String}, 'CSVWithNames', {structure:String})
       SETTINGS input_format_with_names_use_header = 0`,
      { table: REFERENCE_TABLE, file: file.file, structure: columns },
    );
    seconds.push((performance.now() - started) / 1000);
    const cpu = process.cpuUsage(cpuBefore);
    cpuSeconds.push((cpu.user + cpu.system) / 1e6);
    await expectLoaded(store, file.rows);
  }
  const median = [...seconds].sort((a, b) => a - b)[Math.floor(BASELINE_ROUNDS / 2)] as number;
  ctx.log(`ingest: ClickHouse loads the roster in ${seconds.map((s) => s.toFixed(2)).join(', ')} s`);
  return { rate: file.rows / median, seconds, cpuSeconds };
}

async function dropReference(store: Store): Promise<void> {
  await store.command('DROP TABLE IF EXISTS {table:Identifier} SYNC', { table: REFERENCE_TABLE });
}

async function expectLoaded(store: Store, rows: number): Promise<void> {
  const [loaded] = await store.query<{ rows: number; empty: number }>(
    'SELECT count() AS rows, countIf(officer_id = \'\' OR updated_at = \'\') AS empty FROM {table:Identifier}',
    { table: REFERENCE_TABLE },
  );
  if (loaded?.rows !== rows || loaded.empty !== 0) throw new Error(`the reference load read ${loaded?.rows} rows (${loaded?.empty} empty), not ${rows}`);
}

/**
 * Loads a kind's file with the command in a store of its own (registry imported first): its first rows, then all of
 * it. Checks the counts against what was generated: speeds of a wrong load would mean nothing.
 */
async function loadWithCommand(ctx: BenchContext, dir: string, kind: IngestKind, files: Generated): Promise<KindRuns> {
  const dataDir = fs.mkdtempSync(path.join(dir, `store-${kind}-`));
  await command(ctx, dataDir, 'ingest/cli/units-import.ts', [UNITS_FILE]);
  ctx.log(`ingest: ${kind}, start-up run (${count(files.head.rows)} rows)`);
  const startUp = await command(ctx, dataDir, 'ingest/cli/ingest.ts', [kind, files.head.file, '--json']);
  const load = os.loadavg()[0] as number;
  ctx.log(`ingest: ${kind}, ${count(files.full.rows)} rows (load average ${load.toFixed(2)})`);
  const run = await command(ctx, dataDir, 'ingest/cli/ingest.ts', [kind, files.full.file, '--json']);
  const summary = JSON.parse(run.stdout) as IngestSummary;
  const good = files.head.rows - files.head.faulty;
  if (summary.read !== files.full.rows || summary.quarantined !== files.full.faulty || summary.duplicates !== good) {
    throw new Error(
      `${kind}: expected ${files.full.rows} read, ${files.full.faulty} quarantined, ${good} duplicates; got ${run.stdout.trim()}`,
    );
  }
  return { kind, full: files.full, head: files.head, startUp, run, summary, netRate: files.full.rows / (run.seconds - startUp.seconds), load };
}

/** Runs a command of the repository in a process of its own on `dataDir`, with its peak RSS and CPU time recorded at exit. */
function command(ctx: BenchContext, dataDir: string, script: string, args: string[]): Promise<CommandRun> {
  const usageFile = `${dataDir}.usage.json`;
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', EXIT_USAGE_FILE: usageFile };
  // The command must load into its own embedded store, whatever the bench's environment says.
  delete env.CLICKHOUSE_URL;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', EXIT_USAGE_MODULE, script, ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      for (const line of d.split('\n')) if (line.trim()) ctx.log(`  ${line}`);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`${script} ${args.join(' ')} exited with ${code}: ${stderr.trim().slice(-2000)}`));
      const usage = JSON.parse(fs.readFileSync(usageFile, 'utf8')) as { peakRssBytes: number; cpuSeconds: number };
      fs.rmSync(usageFile);
      resolve({ seconds, ...usage, stdout });
    });
  });
}
