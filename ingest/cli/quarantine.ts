/**
 * `npm run ingest:quarantine -- [RUN] [--export FILE] [--json] [--limit N] [--lang vi|en]`
 * Without RUN: the latest runs. With RUN: the run's counts and its quarantined rows (row, field, reason, whether a
 * re-submission resolved it); --export FILE writes the correction file (CSV, the unresolved rows as read, with their
 * original row numbers) to correct and load with `npm run ingest -- KIND FILE --resubmit RUN`. --lang vi: the reasons
 * in Vietnamese (default English).
 * Petitioners' contact details are opened with the store's key: this command runs where the data is kept.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { loadConfig } from '../../analytics/config.js';
import type { Store } from '../../analytics/store/index.js';
import { findLocalServer, type LocalServer } from '../../analytics/store/local-server.js';
import { loadSealer } from '../../analytics/privacy/seal.js';
import { openCommandStore, parseCliArgs, runCli, UserError } from '../../analytics/cli/run.js';
import { correctionFile, findRun, quarantinedRows, recentRuns } from '../pipeline/quarantine.js';
import type { QuarantinedRow, RunRecord } from '../pipeline/run.js';
import { isLang, LANGS, type Lang } from '../faults.js';
import { countsText } from './summary.js';

const USAGE = 'usage: npm run ingest:quarantine -- [RUN] [--export FILE] [--json] [--limit N] [--lang vi|en]';

/** The command's words around the reasons, in the reasons' language. */
const WORDS = {
  en: {
    correctedSince: (n: number) => ` (${n} corrected since)`,
    exported: (runId: string, target: string) => `correction file of run ${runId} written to ${target}: correct the rows, then npm run ingest -- KIND ${target} --resubmit ${runId}`,
    run: (r: RunRecord) => `run ${r.run_id}: ${r.kind} from ${r.file} (${r.way_in}, ${r.encoding}), ${r.status}${r.message ? `: ${r.message}` : ''}`,
    resolvedSince: (n: number) => `, resolved since ${n}`,
    row: (r: QuarantinedRow) =>
      `row ${r.row} ${r.field}: ${r.reason}${r.resolvedBy ? `  (resolved by run ${r.resolvedBy})` : r.resentIn ? `  (sent again in run ${r.resentIn.run}, row ${r.resentIn.row}: correct it there)` : ''}`,
    more: (n: number) => `… ${n} more (--limit, or --export FILE for all)`,
  },
  vi: {
    correctedSince: (n: number) => ` (đã sửa ${n})`,
    exported: (runId: string, target: string) => `đã ghi tệp sửa lỗi của lần nạp ${runId} vào ${target}: sửa các dòng, rồi chạy npm run ingest -- KIND ${target} --resubmit ${runId}`,
    run: (r: RunRecord) => `lần nạp ${r.run_id}: ${r.kind} từ ${r.file} (${r.way_in}, ${r.encoding}), ${r.status}${r.message ? `: ${r.message}` : ''}`,
    resolvedSince: (n: number) => `, đã sửa ${n}`,
    row: (r: QuarantinedRow) =>
      `dòng ${r.row} ${r.field}: ${r.reason}${r.resolvedBy ? `  (đã sửa ở lần nạp ${r.resolvedBy})` : r.resentIn ? `  (đã gửi lại ở lần nạp ${r.resentIn.run}, dòng ${r.resentIn.row}: hãy sửa ở đó)` : ''}`,
    more: (n: number) => `… còn ${n} dòng nữa (--limit, hoặc --export TỆP để lấy tất cả)`,
  },
} satisfies Record<Lang, unknown>;

interface RunReport {
  run: RunRecord;
  rows: QuarantinedRow[];
}

runCli(async () => {
  const parsed = parseCliArgs(
    { export: { type: 'string' }, json: { type: 'boolean', default: false }, limit: { type: 'string', default: '100' }, lang: { type: 'string', default: 'en' } },
    USAGE,
  );
  const { values: args, positionals } = parsed;
  if (positionals.length > 1) throw new UserError(USAGE, 2);
  const limit = Number(args.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UserError(`--limit must be a whole number from 1\n${USAGE}`, 2);
  const lang = args.lang;
  if (!isLang(lang)) throw new UserError(`"${lang}" is not a language (${LANGS.join(', ')})\n${USAGE}`, 2);
  const w = WORDS[lang];
  const runId = positionals[0];
  const config = loadConfig();
  const server = findLocalServer(config);
  const withStore = async <T>(use: (store: Store) => Promise<T>): Promise<T> => {
    const store = await openCommandStore(config, 'npm run ingest:quarantine');
    try {
      return await use(store);
    } finally {
      await store.close();
    }
  };

  if (!runId) {
    const runs = server
      ? (await server.request<{ runs: RunRecord[] }>('GET', `/api/ingest/runs?limit=${limit}`)).runs
      : await withStore((store) => recentRuns(store, { kind: '', started_by: '', limit }));
    if (args.json) return void process.stdout.write(`${JSON.stringify(runs)}\n`);
    for (const r of runs) {
      process.stdout.write(
        `${r.run_id}  ${r.status.padEnd(11)} ${r.kind.padEnd(15)} ${countsText(r, lang)}${r.resolved ? w.correctedSince(r.resolved) : ''}  ${r.file}\n`,
      );
    }
    return;
  }

  if (args.export) {
    const target = args.export;
    if (server) await saveResponse(server, `/api/ingest/runs/${encodeURIComponent(runId)}/correction.csv?personal=true&lang=${lang}`, target);
    else await withStore(async (store) => pipeline(Readable.from(correctionFile(store, runId, loadSealer(config), lang)), fs.createWriteStream(target)));
    process.stdout.write(`${w.exported(runId, target)}\n`);
    return;
  }

  const report: RunReport = server
    ? await server.request<RunReport>('GET', `/api/ingest/runs/${encodeURIComponent(runId)}?limit=${limit}&personal=true&lang=${lang}`)
    : await withStore(async (store) => {
        const run = await findRun(store, runId);
        const rows: QuarantinedRow[] = [];
        for await (const r of quarantinedRows(store, runId, loadSealer(config), lang)) {
          rows.push(r);
          if (rows.length >= limit) break;
        }
        return { run, rows };
      });
  if (args.json) return void process.stdout.write(`${JSON.stringify(report)}\n`);
  const { run, rows } = report;
  process.stdout.write(`${w.run(run)}\n`);
  process.stdout.write(`  ${countsText(run, lang)}${w.resolvedSince(run.resolved)}\n`);
  for (const r of rows) process.stdout.write(`  ${w.row(r)}\n`);
  if (run.quarantined > rows.length) process.stdout.write(`  ${w.more(run.quarantined - rows.length)}\n`);
});

async function saveResponse(server: LocalServer, path: string, target: string): Promise<void> {
  const response = await server.fetch(path);
  if (!response.body) throw new UserError(`the server sent no file for ${path}`);
  await pipeline(Readable.fromWeb(response.body as never), fs.createWriteStream(target));
}
