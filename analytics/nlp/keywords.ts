/**
 * Keywords: the terms of a text worth counting (syllables and syllable pairs, diacritic-free so every typing style
 * counts together, without function words or numbers), stored with its labels; and the scoring of terms that rise in
 * a period against a baseline, for the trend views. A term is shown in its written form from the texts behind it.
 */
import { processText, type Processed } from './pipeline.js';
import { FOLDED_STOP_WORDS, STOP_WORDS } from './stopwords.js';

/** At most this many terms are kept per text: the longer a text, the less each further term says. */
export const MAX_TERMS = 24;

function isContent(token: string, folded: string): boolean {
  return folded.length > 1 && !/^\d+$/.test(folded) && !STOP_WORDS.has(token) && !FOLDED_STOP_WORDS.has(folded);
}

/** Distinct terms of a text: pairs of content syllables first (they name things: "ngập nước", "giá lúa"), then single ones. */
export function termsOf(input: string | Processed): string[] {
  const p = typeof input === 'string' ? processText(input) : input;
  const pairs: string[] = [];
  const singles: string[] = [];
  for (let i = 0; i < p.folded.length; i++) {
    const a = p.folded[i] as string;
    if (!isContent(p.tokens[i] as string, a)) continue;
    singles.push(a);
    const b = p.folded[i + 1];
    if (b !== undefined && isContent(p.tokens[i + 1] as string, b)) pairs.push(`${a} ${b}`);
  }
  return [...new Set([...pairs, ...singles])].slice(0, MAX_TERMS);
}

export interface TermCounts {
  term: string;
  /** Texts with the term in the period. */
  current: number;
  /** Texts with the term in the baseline. */
  baseline: number;
}

export interface RisingTerm extends TermCounts {
  /** Log-likelihood ratio (G²) of the rise; higher = more surprising. */
  score: number;
  /** How many times more often, per text, than in the baseline (smoothed). */
  ratio: number;
}

/**
 * Terms that rise in the current period against the baseline, most surprising first, by Dunning's log-likelihood
 * ratio on per-text rates: frequent terms need a real change to score, rare ones a large one. Falling terms are dropped.
 */
export function risingTerms(
  counts: TermCounts[],
  totals: { current: number; baseline: number },
  options: { minCurrent?: number; limit?: number; minScore?: number } = {},
): RisingTerm[] {
  const minCurrent = options.minCurrent ?? 5;
  // 3.84: the rise would happen by chance less than once in twenty (χ² with one degree of freedom).
  const minScore = options.minScore ?? 3.84;
  const n1 = Math.max(1, totals.current);
  const n0 = Math.max(1, totals.baseline);
  const out: RisingTerm[] = [];
  for (const c of counts) {
    if (c.current < minCurrent) continue;
    const ratio = (c.current + 0.5) / n1 / ((c.baseline + 0.5) / n0);
    if (ratio <= 1) continue;
    const score = logLikelihood(c.current, n1, c.baseline, n0);
    if (score < minScore) continue;
    out.push({ ...c, ratio: Math.round(ratio * 100) / 100, score: Math.round(score * 100) / 100 });
  }
  // Terms that are parts of a higher-scoring pair ("ngap" under "ngap nuoc") say nothing new.
  out.sort((a, b) => b.score - a.score);
  const kept: RisingTerm[] = [];
  for (const t of out) {
    if (!t.term.includes(' ') && kept.some((k) => k.term.split(' ').includes(t.term))) continue;
    kept.push(t);
    if (kept.length >= (options.limit ?? 10)) break;
  }
  return kept;
}

function xlogx(x: number): number {
  return x > 0 ? x * Math.log(x) : 0;
}

/** G² for a 2×2 table: the term in k1 of n1 texts against k0 of n0. */
function logLikelihood(k1: number, n1: number, k0: number, n0: number): number {
  const k = k1 + k0;
  const n = n1 + n0;
  return 2 * (xlogx(k1) + xlogx(n1 - k1) + xlogx(k0) + xlogx(n0 - k0) - xlogx(k) - xlogx(n - k) - xlogx(n1) - xlogx(n0) + xlogx(n));
}

/** The written form of a folded term in a text ("ngap nuoc" in "Ngập nước quá" → "ngập nước"), if it is there. */
export function writtenForm(term: string, text: string): string | undefined {
  const p = processText(text);
  const words = term.split(' ');
  for (let i = 0; i + words.length <= p.folded.length; i++) {
    if (words.every((w, k) => p.folded[i + k] === w)) return p.tokens.slice(i, i + words.length).join(' ');
  }
  return undefined;
}
