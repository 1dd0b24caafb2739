/**
 * NLP benchmarks: labelling speed (topic and sentiment together, one core, texts of about 30 words), the memory of the
 * loaded shipped models, training time on 100,000 texts, and the shipped models' held-out scores.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { Labeller, loadModel } from '../../analytics/nlp/labeller.js';
import { trainClassifier } from '../../analytics/nlp/training.js';
import { REPORT_FILE, SPLITS_DIR, GENERATED_DIR, type ModelReport } from '../../analytics/nlp/shipped.js';
import { Random } from '../../analytics/random.js';
import type { Measurement } from '../harness.js';
import type { BenchContext } from '../run.js';

const suite = 'nlp';
const WORDS = 30;

function texts(file: string): { text: string; topic: string }[] {
  return parse(fs.readFileSync(file, 'utf8'), { columns: true }) as { text: string; topic: string }[];
}

/** Texts of about 30 words: hand-written texts joined and cut, so every one is real Vietnamese of that length. */
function thirtyWordTexts(count: number, random: Random): { text: string; label: string }[] {
  const pool = [...texts(path.join(SPLITS_DIR, 'train.csv')), ...texts(path.join(SPLITS_DIR, 'test.csv')), ...texts(path.join(GENERATED_DIR, 'phrase-banks.csv'))];
  return Array.from({ length: count }, () => {
    const first = random.pick(pool);
    const words = first.text.split(/\s+/);
    while (words.length < WORDS) words.push(...random.pick(pool.filter((p) => p.topic === first.topic).slice(0, 400)).text.split(/\s+/));
    return { text: words.slice(0, WORDS).join(' '), label: first.topic };
  });
}

export async function nlp(ctx: BenchContext): Promise<Measurement[]> {
  const results: Measurement[] = [];
  const random = new Random(2025, 'bench-nlp');

  const before = process.memoryUsage();
  const labeller = new Labeller(loadModel('topic'), loadModel('sentiment'));
  const after = process.memoryUsage();
  const megabytes = (after.heapUsed + after.external + after.arrayBuffers - before.heapUsed - before.external - before.arrayBuffers) / 2 ** 20;
  results.push({ suite, name: 'loaded models (topic + sentiment), memory', value: megabytes, unit: 'MB', target: { op: '<', value: 100 } });

  ctx.log('labelling speed: texts of about 30 words');
  const sample = thirtyWordTexts(20_000, random).map((t) => t.text);
  for (let i = 0; i < 2; i++) for (const t of sample) labeller.label(t); // warm-up
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    const started = performance.now();
    for (const t of sample) labeller.label(t);
    rounds.push(sample.length / ((performance.now() - started) / 1000));
  }
  rounds.sort((a, b) => a - b);
  results.push({ suite, name: 'labelling, topic + sentiment, 30-word texts, one core (median of 5)', value: rounds[2] as number, unit: 'docs/s', target: { op: '>=', value: 50_000 } });

  ctx.log('training on 100,000 texts');
  const corpus = thirtyWordTexts(100_000, random).map((t, i) => ({ ...t, row: i + 2 }));
  const trained = trainClassifier({ name: 'bench', source: 'bench', examples: corpus, progress: () => {} });
  results.push({ suite, name: 'training on 100,000 texts of 30 words (11 topics, L2 tuned)', value: trained.seconds, unit: 's', target: { op: '<', value: 60 } });

  if (fs.existsSync(REPORT_FILE)) {
    const report = JSON.parse(fs.readFileSync(REPORT_FILE, 'utf8')) as ModelReport;
    for (const [task, m] of Object.entries(report.models)) {
      results.push({ suite, name: `shipped ${task} model, held-out weighted F1 (${m.heldOut.n} hand-written texts)`, value: m.heldOut.weightedF1, unit: '', note: `accuracy ${m.heldOut.accuracy}, macro F1 ${m.heldOut.macroF1}` });
    }
  }
  return results;
}
