/**
 * Syllable n-grams or words? 5-fold cross-validation on the hand-written corpus of what the text's units are made of:
 * syllables and syllable pairs (what ships), words learned by collocation (lexicon.ts), words and word pairs, syllable
 * n-grams plus words, and syllable triples. Run: npx tsx analytics/nlp/experiments/segmentation.ts (README, NLP).
 */
import fs from 'node:fs';
import path from 'node:path';
import { readLabelled } from '../corpus.js';
import { processText } from '../pipeline.js';
import { LinearModel, DEFAULT_TRAINING } from '../model.js';
import { evaluate } from '../metrics.js';
import { DEFAULT_FEATURES, type FeatureOptions } from '../features.js';
import { learnLexicon } from '../lexicon.js';
import { HANDWRITTEN_DIR, SHIPPED_ACCENTED, SHIPPED_BUCKETS } from '../shipped.js';

const FOLDS = 5;
const VARIANTS: [string, Partial<FeatureOptions>][] = [
  ['syllables + pairs (shipped)', { units: 'syllables', ngrams: 2 }],
  ['words', { units: 'words', ngrams: 1 }],
  ['words + word pairs', { units: 'words', ngrams: 2 }],
  ['syllables + pairs + words', { units: 'both', ngrams: 2 }],
  ['syllables + pairs + triples', { units: 'syllables', ngrams: 3 }],
];

for (const task of ['topic', 'sentiment'] as const) {
  const rows = fs.readdirSync(HANDWRITTEN_DIR).sort().flatMap((f) => readLabelled(path.join(HANDWRITTEN_DIR, f), 'text', task));
  const processed = rows.map((r) => processText(r.text));
  const labels = [...new Set(rows.map((r) => r.label))].sort();
  for (const [name, variant] of VARIANTS) {
    const gold: string[] = [];
    const predicted: string[] = [];
    for (let fold = 0; fold < FOLDS; fold++) {
      const lexicon = learnLexicon(processed.filter((_, i) => i % FOLDS !== fold).map((p) => p.folded));
      const features = { ...DEFAULT_FEATURES, buckets: SHIPPED_BUCKETS, accented: SHIPPED_ACCENTED, ...variant } as FeatureOptions;
      const model = new LinearModel(labels, features, { name, trainedAt: '', rows: 0, source: '' }, lexicon);
      const train = rows.flatMap((r, i) => (i % FOLDS !== fold ? [{ vector: model.vectorize(processed[i]!), label: labels.indexOf(r.label) }] : []));
      model.train(train, DEFAULT_TRAINING);
      rows.forEach((r, i) => {
        if (i % FOLDS !== fold) return;
        gold.push(r.label);
        predicted.push(model.predictVector(model.vectorize(processed[i]!)).label);
      });
    }
    const e = evaluate(gold, predicted);
    process.stdout.write(`${task.padEnd(10)} ${name.padEnd(30)} accuracy ${(e.accuracy * 100).toFixed(1)} %  macro F1 ${(e.macroF1 * 100).toFixed(1)} %\n`);
  }
}
