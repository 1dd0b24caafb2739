/**
 * `npm run ingest -- KIND FILE [--json] [--sheet NAME] [--encoding ENC] [--format csv|xlsx|jsonl] [--resubmit RUN] [--lang vi|en]`
 * Loads one file of one kind (units, officers, weekly_reports, petitions, petition_events, opinion_posts): progress
 * on the terminal while it runs, the summary at the end (with --json, as one JSON object on stdout). Bad rows are
 * quarantined with their reasons and the rest is stored; loading the same file again stores nothing twice.
 * --resubmit RUN: the file is the corrected quarantine of RUN (npm run ingest:quarantine -- RUN --export FILE).
 * --lang vi: the rows' reasons in Vietnamese (default English).
 * While the server holds the store, the file is streamed to it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { loadConfig } from '../../analytics/config.js';
import { findLocalServer } from '../../analytics/store/local-server.js';
import { loadSealer } from '../../analytics/privacy/seal.js';
import { openCommandStore, parseCliArgs, runCli, UserError } from '../../analytics/cli/run.js';
import { ingestFile } from '../pipeline/ingest.js';
import { growHeapsByATenth } from '../pipeline/heap.js';
import { stopLabelPool } from '../pipeline/label-pool.js';
import { recoverInterruptedRuns } from '../pipeline/recovery.js';
import type { IngestSummary } from '../pipeline/run.js';
import { DECLARABLE_ENCODINGS, type DeclaredEncoding } from '../readers/decode.js';
import { detectFormat, fileSource, MEDIA_TYPES, type TableFormat } from '../readers/index.js';
import { INGEST_KINDS, isIngestKind } from '../kinds/spec.js';
import { KINDS } from '../kinds/index.js';
import { printSummary } from './summary.js';
import { isLang, LANGS, WordedError } from '../faults.js';
import { ingestProgress } from './progress.js';

growHeapsByATenth();

const USAGE = [
  'usage: npm run ingest -- KIND FILE [--json] [--sheet NAME] [--encoding ENC] [--format csv|xlsx|jsonl] [--resubmit RUN] [--lang vi|en]',
  `  KIND: ${INGEST_KINDS.map((k) => `${k} (${KINDS[k].description})`).join(', ')}`,
  `  ENC:  ${DECLARABLE_ENCODINGS.join(', ')} (default: detected)`,
].join('\n');

runCli(async () => {
  const parsed = parseCliArgs(
    {
      json: { type: 'boolean', default: false },
      sheet: { type: 'string' },
      encoding: { type: 'string' },
      format: { type: 'string' },
      resubmit: { type: 'string' },
      lang: { type: 'string' },
    },
    USAGE,
  );
  const { values: args, positionals } = parsed;
  if (positionals.length !== 2) throw new UserError(USAGE, 2);
  const [kind, file] = positionals as [string, string];
  if (!isIngestKind(kind)) throw new UserError(`"${kind}" is not a kind of data\n${USAGE}`, 2);
  if (args.encoding && !(DECLARABLE_ENCODINGS as readonly string[]).includes(args.encoding)) {
    throw new UserError(`"${args.encoding}" is not an encoding this reads\n${USAGE}`, 2);
  }
  if (args.format && !['csv', 'xlsx', 'jsonl'].includes(args.format)) throw new UserError(`"${args.format}" is not a format\n${USAGE}`, 2);
  const lang = args.lang;
  if (lang !== undefined && !isLang(lang)) throw new UserError(`"${lang}" is not a language (${LANGS.join(', ')})\n${USAGE}`, 2);
  // A file refused whole is told in the language asked for, as its rows' reasons are.
  const inLanguage = (error: unknown) => (error instanceof WordedError && lang ? new UserError(error.worded(lang)) : error);
  const worded = <T>(read: () => T): T => {
    try {
      return read();
    } catch (error) {
      throw inLanguage(error);
    }
  };
  const source = worded(() => fileSource(file));
  const format = worded(() => detectFormat(file, args.format as TableFormat | undefined));
  const options = { sheet: args.sheet, encoding: args.encoding as DeclaredEncoding | undefined, format, resubmitOf: args.resubmit, lang };
  const config = loadConfig();
  const server = findLocalServer(config);
  const progress = ingestProgress(`${kind} ${path.basename(file)}`, server ? 'bytes sent' : 'rows');
  let summary: IngestSummary;
  if (server) {
    // The server reads the file as it arrives: progress is the share sent.
    const query = new URLSearchParams({ file: path.basename(file) });
    for (const [k, v] of Object.entries(options)) if (v !== undefined) query.set(k === 'resubmitOf' ? 'resubmit' : k, String(v));
    let sent = 0;
    const body = fs.createReadStream(file).pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          sent += chunk.length;
          progress.update(sent, source.size ? sent / source.size : undefined);
          done(null, chunk);
        },
      }),
    );
    const type = Object.entries(MEDIA_TYPES).find(([, f]) => f === format)?.[0] ?? 'application/octet-stream';
    summary = await server.request<IngestSummary>('POST', `/api/ingest/${kind}?${query}`, body, type);
  } else {
    const store = await openCommandStore(config, 'npm run ingest');
    try {
      // This process owns the embedded store: a run still "running" there died with its process.
      if (store.engine === 'embedded') {
        for (const r of (await recoverInterruptedRuns(store, 0)).interrupted) {
          process.stderr.write(`run ${r.run_id} (${r.kind}, ${r.file}) was cut short; loading its file again stores nothing twice\n`);
        }
      }
      summary = await ingestFile(store, kind, source, {
        ...options,
        wayIn: 'cli',
        sealer: loadSealer(config),
        onProgress: (p) => progress.update(p.rows, p.fraction),
      }).catch((error: unknown) => {
        throw inLanguage(error);
      });
    } finally {
      await stopLabelPool();
      await store.close();
    }
  }
  progress.done();
  if (args.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else printSummary(summary, server?.url, lang);
});
