/**
 * Multi-syllable Vietnamese words, learned from a corpus by collocation (pointwise mutual information of adjacent
 * syllables), and a longest-match segmenter over them. Vietnamese writes a space between syllables, not between words:
 * "giải phóng mặt bằng" is two words of two syllables. Used to measure word features against syllable n-grams
 * (README, NLP), and by the keyword extractor to name multi-syllable terms.
 */
import type { Lexicon } from './features.js';

export interface LexiconOptions {
  /** A pair must occur this often to be a word. */
  minCount: number;
  /** …and its PMI (natural log) must reach this. */
  minPmi: number;
  /** Longest word, in syllables (2 or 3). */
  maxSyllables: 2 | 3;
}

export const DEFAULT_LEXICON: LexiconOptions = { minCount: 4, minPmi: 3, maxSyllables: 3 };

export class WordLexicon implements Lexicon {
  private readonly set: Set<string>;

  constructor(readonly words: string[]) {
    this.set = new Set(words);
  }

  longestAt(folded: readonly string[], i: number): number {
    const a = folded[i];
    const b = folded[i + 1];
    if (a === undefined || b === undefined) return 0;
    const c = folded[i + 2];
    if (c !== undefined && this.set.has(`${a}_${b}_${c}`)) return 3;
    return this.set.has(`${a}_${b}`) ? 2 : 0;
  }

  /** Splits folded syllables into words (syllables joined by "_") and single syllables. */
  segment(folded: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < folded.length; ) {
      const len = Math.max(1, this.longestAt(folded, i));
      out.push(folded.slice(i, i + len).join('_'));
      i += len;
    }
    return out;
  }
}

/** Learns words from folded token sequences: adjacent pairs (and triples of two such pairs) that stick together. */
export function learnLexicon(documents: Iterable<readonly string[]>, options: LexiconOptions = DEFAULT_LEXICON): WordLexicon {
  const unigrams = new Map<string, number>();
  const pairs = new Map<string, number>();
  const triples = new Map<string, number>();
  let total = 0;
  for (const tokens of documents) {
    for (let i = 0; i < tokens.length; i++) {
      const a = tokens[i] as string;
      if (/^\d+$/.test(a)) continue;
      total++;
      unigrams.set(a, (unigrams.get(a) ?? 0) + 1);
      const b = tokens[i + 1];
      if (b !== undefined && !/^\d+$/.test(b)) {
        const pair = `${a}_${b}`;
        pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
        const c = tokens[i + 2];
        if (options.maxSyllables === 3 && c !== undefined && !/^\d+$/.test(c)) {
          const triple = `${pair}_${c}`;
          triples.set(triple, (triples.get(triple) ?? 0) + 1);
        }
      }
    }
  }
  const pmi = (count: number, parts: string[]) =>
    Math.log(count / total) - parts.reduce((s, p) => s + Math.log((unigrams.get(p) ?? 1) / total), 0);
  const words = new Set<string>();
  for (const [pair, count] of pairs) {
    if (count >= options.minCount && pmi(count, pair.split('_')) >= options.minPmi) words.add(pair);
  }
  for (const [triple, count] of triples) {
    const [a, b, c] = triple.split('_') as [string, string, string];
    // A three-syllable word is made of word pairs that themselves hold ("mặt trận tổ", "giải phóng mặt").
    if (count >= options.minCount && words.has(`${a}_${b}`) && words.has(`${b}_${c}`) && pmi(count, [a, b, c]) >= options.minPmi * 2) {
      words.add(triple);
    }
  }
  return new WordLexicon([...words].sort());
}
