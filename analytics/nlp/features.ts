/**
 * From processed text to a sparse feature vector, by the hashing trick: syllable n-grams in their diacritic-free form
 * (so text typed without diacritics meets text with them), the same n-grams as written when they carry diacritics
 * (which tell "bão" from "bảo"), optional multi-syllable words, and the signals. No vocabulary to store: a feature's
 * index is its hash, so any text of any label set can be trained on.
 */
import type { Processed } from './pipeline.js';
import { FOLDED_STOP_WORDS, STOP_WORDS } from './stopwords.js';

export interface FeatureOptions {
  /** Number of hash buckets, a power of two. */
  buckets: number;
  /** Longest syllable n-gram: 1, 2 or 3. */
  ngrams: 1 | 2 | 3;
  /** Also the n-grams as written, with diacritics, when they have any: 'all' n-grams, 'unigrams' only, or 'none'. */
  accented: 'all' | 'unigrams' | 'none';
  /** Drop function words from the unigrams (topic models; sentiment keeps "không", "rất"). */
  stopWords: boolean;
  /**
   * What the n-grams are made of: syllables as written; words found with a lexicon (lexicon.ts), a syllable where no
   * word matches; or syllable n-grams plus each word as a feature of its own.
   */
  units: 'syllables' | 'words' | 'both';
}

export const DEFAULT_FEATURES: FeatureOptions = { buckets: 1 << 20, ngrams: 2, accented: 'all', stopWords: false, units: 'syllables' };

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
  /** The value of a feature seen once (the text's unit length): most features have exactly it. */
  unit?: number;
}

/** FNV-1a over UTF-16 code units, with a namespace seed so that a unigram and a bigram never share a hash by design. */
export function hashString(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Combines two hashes into one (order matters), for n-grams without building their strings. */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ (b + 0x9e3779b9 + (a << 6) + (a >>> 2)), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const NS_FOLDED = 0x11;
const NS_ACCENTED = 0x22;

/** A token's two hashes: its folded form, and its form as written (the same hash when it has no diacritics). */
export function tokenIds(token: string, folded: string): { folded: number; accented: number } {
  const f = hashString(folded, NS_FOLDED);
  return { folded: f, accented: token === folded ? f : hashString(token, NS_ACCENTED) };
}
const NS_SIGNAL = 0x33;
const NS_WORD = 0x44;
const NGRAM_SALT = [0, 0x1b873593, 0x3c6ef372, 0x5bd1e995];

/** A lexicon of multi-syllable words (folded, syllables joined by "_"), for the `words` feature. */
export interface Lexicon {
  /** Longest match at position i of the folded tokens: how many syllables, or 0. */
  longestAt(folded: readonly string[], i: number): number;
}

// TRICKY: features are collected into module-level buffers through a plain function, not a closure: featurize runs
// for every text labelled (tens of thousands a second) and must not allocate per feature. Not re-entrant; JavaScript
// runs one call at a time.
let hashes = new Int32Array(4096);
let count = 0;
let names: [number, string][] | null = null;
let nameMask = 0;

function emit(h: number, name?: () => string): void {
  if (count === hashes.length) {
    const bigger = new Int32Array(hashes.length * 2);
    bigger.set(hashes);
    hashes = bigger;
  }
  hashes[count++] = h;
  if (names && name) names.push([h & nameMask, name()]);
}

/**
 * The features of a text, with their names, for explanations: each entry is [index, name]. Slower than featurize;
 * used only to say which features weighed most.
 */
export function featureNames(p: Processed, opts: FeatureOptions, lexicon?: Lexicon): [number, string][] {
  names = [];
  nameMask = opts.buckets - 1;
  count = 0;
  try {
    collect(p, opts, lexicon, true);
    return names;
  } finally {
    names = null;
  }
}

// Counting duplicates in a small open-addressing table is faster than sorting.
const SLOTS = 4096;
const slotKey = new Int32Array(SLOTS).fill(-1);
const slotCount = new Float32Array(SLOTS);
let order = new Int32Array(1024);

/** Sparse vector with duplicates summed, values scaled to unit length (documents long and short weigh alike). */
export function featurize(p: Processed, opts: FeatureOptions, lexicon?: Lexicon): SparseVector {
  count = 0;
  collect(p, opts, lexicon, false);
  const mask = opts.buckets - 1;
  let unique = 0;
  let overflow: Map<number, number> | undefined;
  for (let i = 0; i < count; i++) {
    const index = (hashes[i] as number) & mask;
    if (overflow) {
      overflow.set(index, (overflow.get(index) ?? 0) + 1);
      continue;
    }
    let slot = (Math.imul(index, 0x9e3779b1) >>> 20) & (SLOTS - 1);
    while (slotKey[slot] !== -1 && slotKey[slot] !== index) slot = (slot + 1) & (SLOTS - 1);
    if (slotKey[slot] === -1) {
      if (unique === order.length) {
        const bigger = new Int32Array(order.length * 2);
        bigger.set(order);
        order = bigger;
      }
      slotKey[slot] = index;
      order[unique++] = slot;
      // A very long text: beyond half the table, count the rest in a map.
      if (unique > SLOTS / 2) overflow = new Map();
    }
    slotCount[slot]! += 1;
  }
  if (overflow) {
    for (let u = 0; u < unique; u++) {
      const slot = order[u] as number;
      const index = slotKey[slot] as number;
      overflow.set(index, (overflow.get(index) ?? 0) + (slotCount[slot] as number));
    }
  }
  const size = overflow ? overflow.size : unique;
  const indices = new Int32Array(size);
  const values = new Float32Array(size);
  if (overflow) {
    let i = 0;
    for (const [index, n] of overflow) {
      indices[i] = index;
      values[i++] = n;
    }
  } else {
    for (let u = 0; u < unique; u++) {
      const slot = order[u] as number;
      indices[u] = slotKey[slot] as number;
      values[u] = slotCount[slot] as number;
    }
  }
  for (let u = 0; u < unique; u++) {
    slotKey[order[u] as number] = -1;
    slotCount[order[u] as number] = 0;
  }
  let norm = 0;
  for (let i = 0; i < size; i++) {
    // Sub-linear counts: a word said five times is not five times the evidence.
    const n = values[i] as number;
    const v = n === 1 ? 1 : 1 + Math.log(n);
    values[i] = v;
    norm += v * v;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let k = 0; k < values.length; k++) values[k]! *= scale;
  return { indices, values, unit: Math.fround(scale) };
}

/** The units n-grams are made of: the syllables, or words where the lexicon finds them. */
function unitsOf(p: Processed, opts: FeatureOptions, lexicon: Lexicon | undefined): Processed {
  if (opts.units !== 'words' || !lexicon) return p;
  const tokens: string[] = [];
  const folded: string[] = [];
  for (let i = 0; i < p.folded.length; ) {
    const len = Math.max(1, lexicon.longestAt(p.folded, i));
    tokens.push(p.tokens.slice(i, i + len).join('_'));
    folded.push(p.folded.slice(i, i + len).join('_'));
    i += len;
  }
  return { tokens, folded, signals: p.signals };
}

function collect(original: Processed, opts: FeatureOptions, lexicon: Lexicon | undefined, named: boolean): void {
  const p = unitsOf(original, opts, lexicon);
  const n = p.folded.length;
  let folded: number[];
  let accented: number[];
  if (p.ids) {
    folded = p.ids.folded;
    accented = p.ids.accented;
  } else {
    folded = new Array<number>(n);
    accented = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const ids = tokenIds(p.tokens[i] as string, p.folded[i] as string);
      folded[i] = ids.folded;
      accented[i] = ids.accented;
    }
  }
  for (let i = 0; i < n; i++) {
    const marked = folded[i] !== accented[i];
    const isStop = opts.stopWords && (STOP_WORDS.has(p.tokens[i] as string) || (!marked && FOLDED_STOP_WORDS.has(p.folded[i] as string)));
    if (!isStop) {
      emit(folded[i] as number, named ? () => p.folded[i] as string : undefined);
      if (opts.accented !== 'none' && marked) emit(accented[i] as number, named ? () => p.tokens[i] as string : undefined);
    }
    let hf = folded[i] as number;
    let ha = accented[i] as number;
    let anyMarked = marked;
    for (let k = 1; k < opts.ngrams && i + k < n; k++) {
      hf = mix(hf ^ NGRAM_SALT[k]!, folded[i + k] as number);
      ha = mix(ha ^ NGRAM_SALT[k]!, accented[i + k] as number);
      anyMarked ||= folded[i + k] !== accented[i + k];
      const end = i + k + 1;
      emit(hf, named ? () => p.folded.slice(i, end).join(' ') : undefined);
      if (opts.accented === 'all' && anyMarked) emit(ha, named ? () => p.tokens.slice(i, end).join(' ') : undefined);
    }
    if (opts.units === 'both' && lexicon) {
      const len = lexicon.longestAt(p.folded, i);
      if (len > 1) {
        const word = p.folded.slice(i, i + len).join('_');
        emit(hashString(word, NS_WORD), named ? () => word : undefined);
      }
    }
  }
  for (const s of p.signals) emit(hashString(s, NS_SIGNAL), named ? () => s : undefined);
}
