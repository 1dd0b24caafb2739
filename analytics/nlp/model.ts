/**
 * The classifier: multinomial logistic regression over hashed features, trained with AdaGrad and L2, for any label
 * set. It labels tens of thousands of texts a second on one core, says how sure it is (the softmax probability),
 * and which features weighed most. Saved as gzipped JSON holding only the weights of features seen in training.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { featureNames, featurize, type FeatureOptions, type Lexicon, type SparseVector } from './features.js';
import { processText, type Processed } from './pipeline.js';
import { Random } from '../random.js';

export interface TrainOptions {
  /** At most this many passes; training stops earlier once the loss no longer falls by MIN_LOSS_GAIN. */
  epochs: number;
  /** AdaGrad step size. */
  learningRate: number;
  /** L2 penalty on the weights a text touches. */
  l2: number;
  /** Average the weights of every pass from the third on (less noise from the last updates; better on unseen text). */
  average: boolean;
  seed: number;
  onEpoch?: (epoch: number, loss: number) => void;
}

export const DEFAULT_TRAINING: TrainOptions = { epochs: 12, learningRate: 0.3, l2: 1e-3, average: true, seed: 42 };

export interface Prediction {
  label: string;
  confidence: number;
  /** Probability of every label, in the model's label order. */
  probabilities: Float32Array;
}

export interface ModelInfo {
  name: string;
  trainedAt: string;
  rows: number;
  source: string;
  /** The L2 strength it was trained with. */
  l2?: number;
}

const FORMAT = 'front-pulse-linear';
/** Training stops when a pass lowers the loss by less than this share (after FIRST_AVERAGED_EPOCH + 1 passes). */
const MIN_LOSS_GAIN = 0.01;
const FIRST_AVERAGED_EPOCH = 3;

export class LinearModel {
  /** Weights, feature-major: weights[index * K + k]. */
  private readonly weights: Float32Array;
  private readonly bias: Float32Array;

  constructor(
    readonly labels: readonly string[],
    readonly features: FeatureOptions,
    readonly info: ModelInfo,
    readonly lexicon?: Lexicon & { words: string[] },
    weights?: Float32Array,
    bias?: Float32Array,
  ) {
    this.weights = weights ?? new Float32Array(features.buckets * labels.length);
    this.bias = bias ?? new Float32Array(labels.length);
  }

  /** The weights, feature-major (weights[index * labels.length + k]), for the labeller to fuse models. */
  get weightTable(): Float32Array {
    return this.weights;
  }

  get biases(): Float32Array {
    return this.bias;
  }

  /** A short, stable id of the weights: part of the model version stored with every label. */
  get fingerprint(): string {
    const hash = crypto.createHash('sha256');
    hash.update(this.labels.join('\u0000'));
    hash.update(Buffer.from(this.bias.buffer, this.bias.byteOffset, this.bias.byteLength));
    hash.update(Buffer.from(this.weights.buffer, this.weights.byteOffset, this.weights.byteLength));
    return hash.digest('hex').slice(0, 8);
  }

  vectorize(p: Processed): SparseVector {
    return featurize(p, this.features, this.lexicon);
  }

  scores(v: SparseVector, out: Float32Array = new Float32Array(this.labels.length)): Float32Array {
    const K = this.labels.length;
    out.set(this.bias);
    for (let j = 0; j < v.indices.length; j++) {
      const base = (v.indices[j] as number) * K;
      const x = v.values[j] as number;
      for (let k = 0; k < K; k++) out[k]! += x * (this.weights[base + k] as number);
    }
    return out;
  }

  predictVector(v: SparseVector): Prediction {
    const probabilities = softmax(this.scores(v));
    let best = 0;
    for (let k = 1; k < probabilities.length; k++) if ((probabilities[k] as number) > (probabilities[best] as number)) best = k;
    return { label: this.labels[best] as string, confidence: probabilities[best] as number, probabilities };
  }

  predict(text: string): Prediction {
    return this.predictVector(this.vectorize(processText(text)));
  }

  /** The features of a text that pushed most towards `label` (or the predicted label), strongest first. */
  explain(text: string, label?: string, top = 8): { feature: string; weight: number }[] {
    const p = processText(text);
    const k = label ? this.labels.indexOf(label) : this.labels.indexOf(this.predict(text).label);
    const K = this.labels.length;
    const v = this.vectorize(p);
    const value = new Map<number, number>();
    v.indices.forEach((index, j) => value.set(index, v.values[j] as number));
    const seen = new Map<string, number>();
    for (const [index, name] of featureNames(p, this.features, this.lexicon)) {
      if (seen.has(name)) continue;
      // Pull towards k, relative to the average class: what makes this label rather than the others.
      let mean = 0;
      for (let c = 0; c < K; c++) mean += this.weights[index * K + c] as number;
      mean /= K;
      seen.set(name, ((this.weights[index * K + k] as number) - mean) * (value.get(index) ?? 0));
    }
    return [...seen].map(([feature, weight]) => ({ feature, weight })).sort((a, b) => b.weight - a.weight).slice(0, top);
  }

  /**
   * Trains from scratch on labelled vectors (labels given as indices into this.labels).
   * AdaGrad keeps one accumulator per feature row rather than per weight ("row-wise"): a twelfth of the memory, so the
   * training touches one large array instead of two and stays fast on a hundred thousand texts.
   */
  train(data: { vector: SparseVector; label: number }[], options: TrainOptions = DEFAULT_TRAINING): void {
    const K = this.labels.length;
    const rowG2 = new Float32Array(this.features.buckets);
    const b2 = new Float32Array(K);
    const random = new Random(options.seed);
    const order = Array.from(data.keys());
    const scores = new Float32Array(K);
    const grad = new Float32Array(K);
    const sum = options.average ? new Float32Array(this.weights.length) : undefined;
    const sumBias = new Float32Array(K);
    let averaged = 0;
    let previousLoss = Infinity;
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      random.shuffle(order);
      let loss = 0;
      for (const i of order) {
        const { vector: v, label } = data[i] as { vector: SparseVector; label: number };
        const p = softmaxInPlace(this.scores(v, scores));
        loss -= Math.log(Math.max(1e-12, p[label] as number));
        let gradNorm = 0;
        for (let k = 0; k < K; k++) {
          const g = (p[k] as number) - (k === label ? 1 : 0);
          grad[k] = g;
          gradNorm += g * g;
          b2[k]! += g * g;
          this.bias[k]! -= (options.learningRate * g) / Math.sqrt((b2[k] as number) + 1e-8);
        }
        for (let j = 0; j < v.indices.length; j++) {
          const index = v.indices[j] as number;
          const base = index * K;
          const x = v.values[j] as number;
          rowG2[index]! += (gradNorm * x * x) / K;
          const step = options.learningRate / Math.sqrt((rowG2[index] as number) + 1e-8);
          for (let k = 0; k < K; k++) {
            const w = this.weights[base + k] as number;
            this.weights[base + k] = w - step * ((grad[k] as number) * x + options.l2 * w);
          }
        }
      }
      if (sum && epoch >= Math.min(FIRST_AVERAGED_EPOCH, options.epochs)) {
        for (let i = 0; i < sum.length; i++) sum[i]! += this.weights[i] as number;
        for (let k = 0; k < K; k++) sumBias[k]! += this.bias[k] as number;
        averaged++;
      }
      const meanLoss = loss / Math.max(1, data.length);
      options.onEpoch?.(epoch, meanLoss);
      const settled = epoch > FIRST_AVERAGED_EPOCH && previousLoss - meanLoss < MIN_LOSS_GAIN * previousLoss;
      previousLoss = meanLoss;
      if (settled) break;
    }
    if (sum && averaged > 0) {
      for (let i = 0; i < sum.length; i++) this.weights[i] = (sum[i] as number) / averaged;
      for (let k = 0; k < K; k++) this.bias[k] = (sumBias[k] as number) / averaged;
    }
  }

  save(file: string): void {
    const K = this.labels.length;
    // Only features seen in training have weights; store those rows, as 16-bit integers with one scale.
    const rows: number[] = [];
    let max = 0;
    for (let index = 0; index < this.features.buckets; index++) {
      let any = false;
      for (let k = 0; k < K; k++) {
        const w = Math.abs(this.weights[index * K + k] as number);
        if (w > 1e-7) any = true;
        if (w > max) max = w;
      }
      if (any) rows.push(index);
    }
    const scale = max > 0 ? max / 32767 : 1;
    const quantized = new Int16Array(rows.length * K);
    rows.forEach((index, r) => {
      for (let k = 0; k < K; k++) quantized[r * K + k] = Math.round((this.weights[index * K + k] as number) / scale);
    });
    const body = {
      format: FORMAT,
      version: 1,
      info: this.info,
      labels: this.labels,
      features: this.features,
      lexicon: this.lexicon?.words ?? null,
      bias: Array.from(this.bias),
      scale,
      rows: Buffer.from(Int32Array.from(rows).buffer).toString('base64'),
      weights: Buffer.from(quantized.buffer).toString('base64'),
    };
    fs.writeFileSync(file, zlib.gzipSync(JSON.stringify(body), { level: 9 }));
  }

  static load(file: string, makeLexicon?: (words: string[]) => Lexicon & { words: string[] }): LinearModel {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`${file} is not a Front Pulse model (${(error as Error).message})`);
    }
    if (body.format !== FORMAT) throw new Error(`${file} is not a Front Pulse model (format ${String(body.format)})`);
    const labels = body.labels as string[];
    const features = body.features as FeatureOptions;
    const K = labels.length;
    const rowsBuf = Buffer.from(body.rows as string, 'base64');
    const rows = new Int32Array(rowsBuf.buffer, rowsBuf.byteOffset, rowsBuf.byteLength / 4);
    const qBuf = Buffer.from(body.weights as string, 'base64');
    const quantized = new Int16Array(qBuf.buffer.slice(qBuf.byteOffset, qBuf.byteOffset + qBuf.byteLength));
    const weights = new Float32Array(features.buckets * K);
    const scale = body.scale as number;
    rows.forEach((index, r) => {
      for (let k = 0; k < K; k++) weights[index * K + k] = (quantized[r * K + k] as number) * scale;
    });
    const words = body.lexicon as string[] | null;
    const lexicon = words && makeLexicon ? makeLexicon(words) : undefined;
    return new LinearModel(labels, features, body.info as ModelInfo, lexicon, weights, Float32Array.from(body.bias as number[]));
  }
}

/** Softmax written over its input: the training loop calls it for every text and epoch. */
export function softmaxInPlace(scores: Float32Array): Float32Array {
  let max = -Infinity;
  for (let k = 0; k < scores.length; k++) if ((scores[k] as number) > max) max = scores[k] as number;
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    scores[k] = Math.exp((scores[k] as number) - max);
    sum += scores[k] as number;
  }
  for (let k = 0; k < scores.length; k++) scores[k]! /= sum;
  return scores;
}

export function softmax(scores: Float32Array): Float32Array {
  let max = -Infinity;
  for (let k = 0; k < scores.length; k++) if ((scores[k] as number) > max) max = scores[k] as number;
  let sum = 0;
  const out = new Float32Array(scores.length);
  for (let k = 0; k < scores.length; k++) {
    out[k] = Math.exp((scores[k] as number) - max);
    sum += out[k] as number;
  }
  for (let k = 0; k < scores.length; k++) out[k]! /= sum;
  return out;
}
