/**
 * Training a classifier on any labelled texts, as the `train` command and the shipped models do: process every text
 * once, pick the L2 strength on a held-back 15 % (different corpora want different strengths: short student comments
 * and long petitions do not), then train on everything with it.
 */
import { DEFAULT_FEATURES, type FeatureOptions, type SparseVector } from './features.js';
import { DEFAULT_TRAINING, LinearModel, type TrainOptions } from './model.js';
import { processText } from './pipeline.js';
import { evaluate } from './metrics.js';
import { isHeldOut, type Example } from './corpus.js';

/** L2 strengths tried when none is given; the best on the held-back texts wins (the larger, on a tie). */
export const L2_GRID = [1e-4, 3e-4, 1e-3, 3e-3];
/** Tuning looks at no more than this many texts, so that tuning stays a few seconds whatever the corpus size. */
const TUNING_SAMPLE = 12_000;
/** The share of texts held back to compare L2 strengths. */
const TUNING_SHARE = 0.15;
/** …and trains each candidate for at most this many passes: enough to rank them. */
const TUNING_EPOCHS = 6;

export interface TrainingRequest {
  name: string;
  source: string;
  examples: Example[];
  features?: Partial<FeatureOptions>;
  training?: Partial<TrainOptions>;
  /** A fixed L2; undefined = tune on L2_GRID. */
  l2?: number;
  /** Label order; default sorted. */
  labels?: string[];
  /** Recorded in the model as its training time; the shipped models record none, so that a rebuild is byte-identical. */
  trainedAt?: string;
  progress?: (message: string) => void;
}

export interface TrainingResult {
  model: LinearModel;
  l2: number;
  tuning: { l2: number; weightedF1: number }[];
  seconds: number;
}

export function trainClassifier(request: TrainingRequest): TrainingResult {
  const started = performance.now();
  const say = request.progress ?? (() => {});
  const features: FeatureOptions = { ...DEFAULT_FEATURES, ...request.features };
  const labels = request.labels ?? [...new Set(request.examples.map((e) => e.label))].sort();
  if (labels.length < 2) throw Object.assign(new Error(`training needs at least two labels, found: ${labels.join(', ') || 'none'}`), { name: 'UserError' });
  const blank = (l2: number) =>
    new LinearModel(labels, features, { name: request.name, trainedAt: request.trainedAt ?? new Date().toISOString(), rows: request.examples.length, source: request.source, l2 });

  say(`processing ${request.examples.length.toLocaleString('en-US')} texts`);
  const probe = blank(0);
  const data: { vector: SparseVector; label: number; heldBack: boolean }[] = request.examples.map((e, i) => {
    if (i > 0 && i % 20_000 === 0) say(`processed ${i.toLocaleString('en-US')}`);
    return { vector: probe.vectorize(processText(e.text)), label: labels.indexOf(e.label), heldBack: isHeldOut(e.text, TUNING_SHARE, 'tuning') };
  });

  const tuning: { l2: number; weightedF1: number }[] = [];
  let l2 = request.l2;
  if (l2 === undefined) {
    const sample = data.length > TUNING_SAMPLE ? data.filter((_, i) => i % Math.ceil(data.length / TUNING_SAMPLE) === 0) : data;
    const fit = sample.filter((d) => !d.heldBack);
    const check = sample.filter((d) => d.heldBack);
    for (const candidate of L2_GRID) {
      const model = blank(candidate);
      model.train(fit, { ...DEFAULT_TRAINING, ...request.training, epochs: Math.min(TUNING_EPOCHS, request.training?.epochs ?? DEFAULT_TRAINING.epochs), l2: candidate });
      const e = evaluate(check.map((d) => labels[d.label] as string), check.map((d) => model.predictVector(d.vector).label));
      tuning.push({ l2: candidate, weightedF1: e.weightedF1 });
      say(`tuning: l2 ${candidate} → weighted F1 ${e.weightedF1} on ${check.length} held-back texts`);
    }
    // On a tie the stronger penalty: the simpler model generalises better.
    l2 = [...tuning].sort((a, b) => b.weightedF1 - a.weightedF1 || b.l2 - a.l2)[0]?.l2 ?? DEFAULT_TRAINING.l2;
  }
  const model = blank(l2);
  model.train(data, {
    ...DEFAULT_TRAINING,
    ...request.training,
    l2,
    onEpoch: (epoch, loss) => say(`pass ${epoch} (at most ${request.training?.epochs ?? DEFAULT_TRAINING.epochs}): loss ${loss.toFixed(4)}`),
  });
  return { model, l2, tuning, seconds: (performance.now() - started) / 1000 };
}
