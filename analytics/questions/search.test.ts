import { describe, expect, it } from 'vitest';
import { Random } from '../random.js';
import { maskDigits } from '../privacy/mask.js';
import { maskedTermPattern, maskedTermsMayMatch, searchTerms, termPattern } from './search.js';

/** Whether the search finds `term` in `text` (folded) as shown masked: what the engine runs, and what it stands for. */
const foundMasked = (text: string, term: string) => maskedTermsMayMatch([term]) && new RegExp(maskedTermPattern(term)).test(text);
const foundInMasked = (text: string, term: string) => new RegExp(termPattern(term)).test(maskDigits(text));

describe('terms in a text shown with its digits masked', () => {
  it('are found by the masked patterns exactly where the plain patterns find them in the masked text', () => {
    const random = new Random(7, 'masked-terms');
    const pick = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[random.int(0, alphabet.length - 1)]).join('');
    let found = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = pick('ab1 .•ư', random.int(0, 16));
      const term = searchTerms(pick('ab1 ', random.int(2, 4)))[0];
      if (!term) continue;
      expect({ text, term, found: foundMasked(text, term) }).toEqual({ text, term, found: foundInMasked(text, term) });
      if (foundInMasked(text, term)) found++;
    }
    // Both outcomes occur often enough to mean something (about 2 in 100 are found).
    expect(found).toBeGreaterThan(200);
  });

  it('never finds a digit, and finds a word that follows digits as the user sees it, at a word start', () => {
    for (const term of ['0912', '091234', '0912345678', '0912 345 678', '345', 'so 0912']) expect({ term, found: foundMasked('so 0912 345 678, 0912345678', term) }).toEqual({ term, found: false });
    expect(foundMasked('goi 0912345678abc', 'abc')).toBe(true);
    expect(foundMasked('goi 0912345678 abc', 'goi abc')).toBe(true);
    expect(foundMasked('ngo12', 'ngo')).toBe(true);
    expect(foundMasked('xngo', 'ngo')).toBe(false);
  });
});
