/**
 * The shipped topic and sentiment models and how they are made, reproducibly:
 * the hand-written corpus is split by a fixed hash of each text (a fifth kept apart for evaluation, never trained on),
 * the training part is joined by the phrase-bank texts (volume, never a test set) and by analysts' corrections,
 * then each model is trained and evaluated on the held-out fifth. `npm run nlp -- build-models` runs it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import { isHeldOut, type Example } from './corpus.js';
import { evaluate, type Evaluation } from './metrics.js';
import { loadModel, MODELS_DIR, SHIPPED_MODELS } from './labeller.js';
import { trainClassifier } from './training.js';
import { SENTIMENTS, TOPICS } from './taxonomy.js';

export const CORPUS_DIR = fileURLToPath(new URL('./corpus/', import.meta.url));
/** Hand-written, labelled by people: both training and the held-out test split come from here. */
export const HANDWRITTEN_DIR = path.join(CORPUS_DIR, 'handwritten');
/** Generated from the demo's hand-written phrase banks (npm run nlp:corpus): training volume only. */
export const GENERATED_DIR = path.join(CORPUS_DIR, 'generated');
/** Analysts' corrections exported from the review queue: training only. */
export const REVIEWS_DIR = path.join(CORPUS_DIR, 'reviews');
export const SPLITS_DIR = path.join(CORPUS_DIR, 'splits');
export const REPORT_FILE = path.join(MODELS_DIR, 'report.json');

export const HELD_OUT_SHARE = 0.2;
/**
 * 2^18 buckets for the shipped models: their fused weights (14.7 MB) stay close to the CPU's caches, which is what
 * makes 50,000 texts a second possible; the corpus has far fewer distinct features than buckets.
 */
export const SHIPPED_BUCKETS = 1 << 18;
/**
 * Pairs of syllables only in their folded form (the single syllables in both forms): a quarter fewer features, so
 * faster labelling, at no cost in accuracy on the held-out texts (README, NLP measurements).
 */
export const SHIPPED_ACCENTED = 'unigrams';

interface Row {
  text: string;
  topic: string;
  sentiment: string;
  register: string;
  source: string;
}

function readRows(dir: string, source: string): Row[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .flatMap((f) => {
      const records = parse(fs.readFileSync(path.join(dir, f), 'utf8').replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
      return records.map((r) => ({ text: (r.text ?? '').normalize('NFC'), topic: r.topic ?? '', sentiment: r.sentiment ?? '', register: r.register ?? '', source: `${source}/${f}` }));
    });
}

export interface ModelReport {
  builtAt: string;
  corpus: { handwritten: number; train: number; heldOut: number; generated: number; reviews: number };
  models: Record<'topic' | 'sentiment', { version: string; l2: number; trainedOn: number; heldOut: Evaluation; seconds: number }>;
}

export interface BuildTargets {
  modelsDir: string;
  splitsDir: string;
}

/** Builds the shipped models into the repository, or elsewhere (a test checks a rebuild matches what ships). */
export function buildShippedModels(
  progress: (line: string) => void = () => {},
  targets: BuildTargets = { modelsDir: MODELS_DIR, splitsDir: SPLITS_DIR },
): ModelReport {
  const handwritten = readRows(HANDWRITTEN_DIR, 'handwritten');
  const generated = readRows(GENERATED_DIR, 'generated');
  const reviews = readRows(REVIEWS_DIR, 'reviews');
  const heldOut = handwritten.filter((r) => isHeldOut(r.text, HELD_OUT_SHARE, 'test'));
  const train = handwritten.filter((r) => !isHeldOut(r.text, HELD_OUT_SHARE, 'test'));

  fs.mkdirSync(targets.splitsDir, { recursive: true });
  const columns = ['text', 'topic', 'sentiment', 'register'];
  fs.writeFileSync(path.join(targets.splitsDir, 'train.csv'), stringify(train, { header: true, columns, quoted: true }));
  fs.writeFileSync(path.join(targets.splitsDir, 'test.csv'), stringify(heldOut, { header: true, columns, quoted: true }));
  progress(`corpus: ${handwritten.length} hand-written (${train.length} train, ${heldOut.length} held out), ${generated.length} generated, ${reviews.length} reviewed`);

  const report: ModelReport = {
    builtAt: new Date().toISOString(),
    corpus: { handwritten: handwritten.length, train: train.length, heldOut: heldOut.length, generated: generated.length, reviews: reviews.length },
    models: {} as ModelReport['models'],
  };
  fs.mkdirSync(targets.modelsDir, { recursive: true });
  for (const task of ['topic', 'sentiment'] as const) {
    const labels: readonly string[] = task === 'topic' ? TOPICS : SENTIMENTS;
    const examples: Example[] = [...train, ...generated, ...reviews]
      .filter((r) => labels.includes(r[task]))
      .map((r, i) => ({ text: r.text, label: r[task], row: i + 2 }));
    const result = trainClassifier({
      name: task,
      source: 'analytics/nlp/corpus (hand-written train split, generated, reviews)',
      examples,
      labels: [...labels],
      features: { buckets: SHIPPED_BUCKETS, accented: SHIPPED_ACCENTED },
      trainedAt: '',
      progress: (m) => progress(`${task}: ${m}`),
    });
    const file = path.join(targets.modelsDir, path.basename(SHIPPED_MODELS[task]));
    result.model.save(file);
    // Evaluate what ships: the saved model, with its weights as stored.
    const shipped = loadModel(file);
    const gold = heldOut.map((r) => r[task]);
    const predicted = heldOut.map((r) => shipped.predict(r.text).label);
    const evaluation = evaluate(gold, predicted);
    progress(`${task}: held-out accuracy ${evaluation.accuracy}, macro F1 ${evaluation.macroF1}, weighted F1 ${evaluation.weightedF1}`);
    report.models[task] = { version: `${task}-${shipped.fingerprint}`, l2: result.l2, trainedOn: examples.length, heldOut: evaluation, seconds: result.seconds };
  }
  fs.writeFileSync(path.join(targets.modelsDir, path.basename(REPORT_FILE)), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}
