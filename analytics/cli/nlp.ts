/**
 * `npm run nlp -- <command>`: the Vietnamese NLP from the command line. The interface is fixed; other tools rely on it.
 *   train  --data FILE.csv --text COLUMN --label COLUMN --out MODEL_PATH [--l2 X] [--epochs N]
 *   eval   --model MODEL_PATH|topic|sentiment --data FILE.csv --text COLUMN --label COLUMN [--json]
 *   label  --model MODEL_PATH|topic|sentiment --text "…" [--json]
 *   build-models      rebuilds the shipped topic and sentiment models from analytics/nlp/corpus, reproducibly
 *   relabel [--force] labels every petition and post with the shipped models as a new version (old labels stay)
 *   review-queue [--limit N] [--json]   low-confidence labels waiting for an analyst
 *   review --kind petition|post --id ID --task topic|sentiment --label LABEL --reviewer NAME
 *   export-reviews    writes the corrections to analytics/nlp/corpus/reviews for the next build-models
 */
import { parseArgs } from 'node:util';
import { readLabelled } from '../nlp/corpus.js';
import { evaluate } from '../nlp/metrics.js';
import { loadModel } from '../nlp/labeller.js';
import { processText } from '../nlp/pipeline.js';
import { trainClassifier } from '../nlp/training.js';
import { buildShippedModels } from '../nlp/shipped.js';
import { progressPrinter, runCli, UserError } from './run.js';
import { loadConfig } from '../config.js';
import { openStore, type Store } from '../store/index.js';
import { activeVersion, exportReviews, recordCorrection, REVIEW_BELOW_CONFIDENCE, reviewQueue, type Correction } from '../nlp/reviews.js';
import { findLocalServer } from '../store/local-server.js';
import { createAnnotator } from '../nlp/annotate.js';
import { relabelAll, type RelabelSummary } from '../nlp/relabel.js';

const USAGE = `usage: npm run nlp -- <command>
  train  --data FILE.csv --text COLUMN --label COLUMN --out MODEL_PATH [--l2 X] [--epochs N]
  eval   --model MODEL_PATH|topic|sentiment --data FILE.csv --text COLUMN --label COLUMN [--json]
  label  --model MODEL_PATH|topic|sentiment --text "…" [--json]
  build-models
  relabel [--force]
  review-queue [--limit N] [--json]
  review --kind petition|post --id ID --task topic|sentiment --label LABEL --reviewer NAME
  export-reviews`;

function required(values: Record<string, unknown>, names: string[]): void {
  const missing = names.filter((n) => typeof values[n] !== 'string' || values[n] === '');
  if (missing.length > 0) throw new UserError(`missing ${missing.map((n) => `--${n}`).join(', ')}\n${USAGE}`, 2);
}

const say = (line: string) => process.stderr.write(`${line}\n`);

/**
 * Runs `direct` on the store, or asks the server that holds it: a GET of `route`, or a POST of [route, body].
 */
async function withStore<T>(command: string, route: string | [string, unknown], direct: (store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const server = findLocalServer(config);
  if (server) {
    if (typeof route === 'string') return server.request<T>(route.includes('review-queue') ? 'GET' : 'POST', route);
    return server.request<T>('POST', route[0], Buffer.from(JSON.stringify(route[1])), 'application/json');
  }
  const store = await openStore(config, { role: 'command', command });
  try {
    return await direct(store);
  } finally {
    await store.close();
  }
}

runCli(async () => {
  const [command, ...rest] = process.argv.slice(2);
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: rest,
      options: {
        data: { type: 'string' },
        text: { type: 'string' },
        label: { type: 'string' },
        out: { type: 'string' },
        model: { type: 'string' },
        l2: { type: 'string' },
        epochs: { type: 'string' },
        json: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        limit: { type: 'string' },
        kind: { type: 'string' },
        id: { type: 'string' },
        task: { type: 'string' },
        reviewer: { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new UserError(`${(error as Error).message}\n${USAGE}`, 2);
  }

  switch (command) {
    case 'train': {
      required(values, ['data', 'text', 'label', 'out']);
      const examples = readLabelled(values.data as string, values.text as string, values.label as string);
      const l2 = values.l2 === undefined ? undefined : Number(values.l2);
      const epochs = values.epochs === undefined ? undefined : Number(values.epochs);
      if (l2 !== undefined && !(l2 >= 0)) throw new UserError(`--l2 must be a number ≥ 0, got ${values.l2}`, 2);
      if (epochs !== undefined && !(Number.isInteger(epochs) && epochs > 0)) throw new UserError(`--epochs must be a whole number above 0, got ${values.epochs}`, 2);
      const counts = new Map<string, number>();
      for (const e of examples) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
      say(`${examples.length} texts, labels: ${[...counts].map(([l, n]) => `${l} ${n}`).join(', ')}`);
      const result = trainClassifier({
        name: values.label as string,
        source: values.data as string,
        examples,
        l2,
        training: epochs ? { epochs } : undefined,
        progress: say,
      });
      result.model.save(values.out as string);
      say(`trained in ${result.seconds.toFixed(1)} s (l2 ${result.l2}); model written to ${values.out} (version ${result.model.fingerprint})`);
      return;
    }
    case 'eval': {
      required(values, ['model', 'data', 'text', 'label']);
      const model = loadModel(values.model as string);
      const examples = readLabelled(values.data as string, values.text as string, values.label as string);
      const started = performance.now();
      const predicted = examples.map((e) => model.predictVector(model.vectorize(processText(e.text))).label);
      const seconds = (performance.now() - started) / 1000;
      const result = { ...evaluate(examples.map((e) => e.label), predicted), docsPerSecond: Math.round(examples.length / Math.max(seconds, 1e-9)) };
      if (values.json) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return;
      }
      process.stdout.write(`${examples.length} texts: accuracy ${result.accuracy}, macro F1 ${result.macroF1}, weighted F1 ${result.weightedF1}, ${result.docsPerSecond} texts/s\n`);
      process.stdout.write(`${'label'.padEnd(22)} precision  recall     f1  support\n`);
      for (const [label, m] of Object.entries(result.perClass)) {
        process.stdout.write(`${label.padEnd(22)} ${m.precision.toFixed(4).padStart(9)} ${m.recall.toFixed(4).padStart(7)} ${m.f1.toFixed(4).padStart(6)} ${String(m.support).padStart(8)}\n`);
      }
      return;
    }
    case 'label': {
      required(values, ['model', 'text']);
      const model = loadModel(values.model as string);
      const prediction = model.predict(values.text as string);
      const features = model.explain(values.text as string, prediction.label);
      if (values.json) {
        process.stdout.write(`${JSON.stringify({ label: prediction.label, confidence: Number(prediction.confidence.toFixed(4)), features })}\n`);
        return;
      }
      process.stdout.write(`${prediction.label} (confidence ${prediction.confidence.toFixed(3)})\n`);
      process.stdout.write(`weighed most: ${features.map((f) => `${f.feature} ${f.weight >= 0 ? '+' : ''}${f.weight.toFixed(2)}`).join(', ')}\n`);
      return;
    }
    case 'build-models': {
      const report = buildShippedModels(say);
      for (const [task, m] of Object.entries(report.models)) {
        process.stdout.write(`${task} (${m.version}): held-out accuracy ${m.heldOut.accuracy}, macro F1 ${m.heldOut.macroF1}, weighted F1 ${m.heldOut.weightedF1} on ${m.heldOut.n} texts\n`);
      }
      return;
    }
    case 'relabel': {
      const config = loadConfig();
      const server = findLocalServer(config);
      let summary: RelabelSummary;
      if (server) {
        say(`relabelling through the server at ${server.url}`);
        summary = await server.request<RelabelSummary>('POST', `/api/admin/nlp/relabel${values.force ? '?force=true' : ''}`);
      } else {
        const store = await openStore(config, { role: 'command', command: 'npm run nlp -- relabel' });
        try {
          const print = progressPrinter();
          summary = await relabelAll(store, await createAnnotator(store), { force: values.force === true, progress: (kind, done) => print(`relabel ${kind}s`, done, done) });
        } finally {
          await store.close();
        }
      }
      process.stdout.write(
        `labelled ${summary.petitions} petitions and ${summary.posts} posts as ${summary.version} in ${summary.seconds.toFixed(1)} s; ` +
          `the dashboards now read it (before: ${summary.previous ?? 'none'}, still stored)\n`,
      );
      return;
    }
    case 'review-queue': {
      const limit = Number(values.limit ?? 20);
      const items = await withStore('npm run nlp -- review-queue', `/api/admin/nlp/review-queue?limit=${limit}`, async (store) =>
        reviewQueue(store, { model_version: await activeVersion(store), max_confidence: REVIEW_BELOW_CONFIDENCE, province_code: '', item_kind: '', page_size: limit, page_offset: 0 }),
      );
      if (values.json) process.stdout.write(`${JSON.stringify(items)}\n`);
      else for (const i of items) process.stdout.write(`${i.item_kind} ${i.item_id}: ${i.topic} ${i.topic_confidence.toFixed(2)}, ${i.sentiment} ${i.sentiment_confidence.toFixed(2)}\n`);
      return;
    }
    case 'review': {
      required(values, ['kind', 'id', 'task', 'label', 'reviewer']);
      if (values.kind !== 'petition' && values.kind !== 'post') throw new UserError('--kind must be petition or post', 2);
      if (values.task !== 'topic' && values.task !== 'sentiment') throw new UserError('--task must be topic or sentiment', 2);
      const correction: Correction = { item_kind: values.kind, item_id: values.id as string, task: values.task, label: values.label as string, reviewer: values.reviewer as string };
      await withStore('npm run nlp -- review', ['/api/admin/nlp/reviews', correction], (store) => recordCorrection(store, correction));
      process.stdout.write(`recorded: ${correction.item_kind} ${correction.item_id} ${correction.task} = ${correction.label}\n`);
      return;
    }
    case 'export-reviews': {
      const result = await withStore('npm run nlp -- export-reviews', '/api/admin/nlp/export-reviews', (store) => exportReviews(store));
      process.stdout.write(`${result.rows} corrections written to ${result.file}; npm run nlp -- build-models trains on them\n`);
      return;
    }
    default:
      throw new UserError(command ? `unknown command "${command}"\n${USAGE}` : USAGE, 2);
  }
});
