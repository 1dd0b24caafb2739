/**
 * The labeller ingestion and the API call: topic and sentiment of a text, each with its confidence, from the two
 * shipped models (or any pair). When both models read the same features — the shipped ones do — their weights are
 * fused into one table, so a text is processed once and each feature row is fetched from memory once for both.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { featurize, type SparseVector } from './features.js';
import { LinearModel } from './model.js';
import { processText, type Processed } from './pipeline.js';
import { WordLexicon } from './lexicon.js';

export interface Labels {
  topic: string;
  topicConfidence: number;
  sentiment: string;
  sentimentConfidence: number;
}

export const MODELS_DIR = fileURLToPath(new URL('./models/', import.meta.url));
export const SHIPPED_MODELS = {
  topic: `${MODELS_DIR}topic.model.gz`,
  sentiment: `${MODELS_DIR}sentiment.model.gz`,
} as const;

/** A model by name ("topic", "sentiment") or by path. */
export function loadModel(nameOrPath: string): LinearModel {
  const file = nameOrPath in SHIPPED_MODELS ? SHIPPED_MODELS[nameOrPath as keyof typeof SHIPPED_MODELS] : nameOrPath;
  if (!fs.existsSync(file)) {
    throw Object.assign(new Error(`no model at ${file}${nameOrPath in SHIPPED_MODELS ? ': build the shipped models with npm run nlp -- build-models' : ''}`), {
      name: 'UserError',
    });
  }
  return LinearModel.load(file, (words) => new WordLexicon(words));
}

export class Labeller {
  /** Stored with every label: which models made it. */
  readonly version: string;
  /** Both models' weights side by side per feature, as 8-bit integers with one scale per label. */
  private readonly fused: Int8Array | undefined;
  private readonly scales: Float32Array;
  private readonly scores: Float32Array;
  private readonly sums: Int32Array;
  /** Bytes per feature row of the fused table: the labels' count rounded up to 16, so a row never straddles a cache line. */
  private readonly rowBytes: number;
  private readonly kt: number;
  private readonly ks: number;

  constructor(
    readonly topic: LinearModel,
    readonly sentiment: LinearModel,
  ) {
    this.version = `topic-${topic.fingerprint}+sentiment-${sentiment.fingerprint}`;
    this.kt = topic.labels.length;
    this.ks = sentiment.labels.length;
    this.scores = new Float32Array(this.kt + this.ks);
    this.rowBytes = Math.ceil((this.kt + this.ks) / 16) * 16;
    this.sums = new Int32Array(this.rowBytes);
    this.scales = new Float32Array(this.kt + this.ks);
    const sameFeatures = JSON.stringify(topic.features) === JSON.stringify(sentiment.features) && !topic.lexicon && !sentiment.lexicon;
    if (sameFeatures) {
      // TRICKY: 8-bit weights make the table a quarter of its float size (3.7 MB for the shipped models), so the rows a
      // text needs are mostly in the CPU's caches; that, not arithmetic, is what limits labelling speed. The labels
      // agree with the float models on the held-out texts (tested).
      const K = this.kt + this.ks;
      const R = this.rowBytes;
      const fused = new Int8Array(topic.features.buckets * R);
      const column = (k: number) => (k < this.kt ? [topic.weightTable, this.kt, k] : [sentiment.weightTable, this.ks, k - this.kt]) as [Float32Array, number, number];
      for (let k = 0; k < K; k++) {
        const [w, width, c] = column(k);
        let max = 0;
        for (let index = 0; index < topic.features.buckets; index++) max = Math.max(max, Math.abs(w[index * width + c] as number));
        const scale = (max || 1) / 127;
        this.scales[k] = scale;
        for (let index = 0; index < topic.features.buckets; index++) fused[index * R + k] = Math.round((w[index * width + c] as number) / scale);
      }
      this.fused = fused;
    }
  }

  label(text: string): Labels {
    return this.labelProcessed(processText(text));
  }

  /** For callers that process the text once for several uses (labels, places, terms). */
  labelProcessed(p: Processed): Labels {
    if (!this.fused) {
      const t = this.topic.predictVector(this.topic.vectorize(p));
      const s = this.sentiment.predictVector(this.sentiment.vectorize(p));
      return { topic: t.label, topicConfidence: t.confidence, sentiment: s.label, sentimentConfidence: s.confidence };
    }
    return this.labelVector(featurize(p, this.topic.features));
  }

  private labelVector(v: SparseVector): Labels {
    const K = this.kt + this.ks;
    const scores = this.scores;
    const sums = this.sums;
    scores.fill(0);
    sums.fill(0);
    const w = this.fused as Int8Array;
    // Every feature seen once has the same value (the text's unit length): sum its 8-bit weights as integers and scale
    // once at the end; only repeated features need the float path.
    const once = v.unit ?? Number.NaN;
    const R = this.rowBytes;
    for (let j = 0; j < v.indices.length; j++) {
      const base = (v.indices[j] as number) * R;
      const x = v.values[j] as number;
      if (x === once) for (let k = 0; k < R; k++) sums[k]! += w[base + k] as number;
      else for (let k = 0; k < K; k++) scores[k]! += x * (w[base + k] as number);
    }
    for (let k = 0; k < K; k++) scores[k] = ((sums[k] as number) * once + (scores[k] as number)) * (this.scales[k] as number);
    for (let k = 0; k < this.kt; k++) scores[k]! += this.topic.biases[k] as number;
    for (let k = this.kt; k < K; k++) scores[k]! += this.sentiment.biases[k - this.kt] as number;
    const [topic, topicConfidence] = best(scores, 0, this.kt);
    const [sentiment, sentimentConfidence] = best(scores, this.kt, K);
    return {
      topic: this.topic.labels[topic] as string,
      topicConfidence,
      sentiment: this.sentiment.labels[sentiment - this.kt] as string,
      sentimentConfidence,
    };
  }
}

/** The best label in scores[from, to) and its softmax probability. */
function best(scores: Float32Array, from: number, to: number): [number, number] {
  let arg = from;
  for (let k = from + 1; k < to; k++) if ((scores[k] as number) > (scores[arg] as number)) arg = k;
  let sum = 0;
  for (let k = from; k < to; k++) sum += Math.exp((scores[k] as number) - (scores[arg] as number));
  return [arg, 1 / sum];
}

let shipped: Labeller | undefined;

/** The labeller of the shipped models, loaded once per process (or worker). */
export function shippedLabeller(): Labeller {
  shipped ??= new Labeller(loadModel('topic'), loadModel('sentiment'));
  return shipped;
}
