import { describe, expect, it } from 'vitest';
import { risingTerms, termsOf, writtenForm } from './keywords.js';

describe('keywords', () => {
  it('takes content pairs and syllables, folded, without function words or numbers', () => {
    const terms = termsOf('Cá chết hàng loạt trên sông, nước đen và hôi thối suốt 3 ngày');
    expect(terms).toContain('ca chet');
    expect(terms).toContain('hang loat');
    expect(terms).toContain('nuoc den');
    expect(terms).not.toContain('va');
    expect(terms).not.toContain('3');
    expect(termsOf('ca chet hang loat tren song')).toEqual(expect.arrayContaining(['ca chet', 'hang loat']));
  });

  it('ranks terms that rise against the baseline, drops falling ones and parts of a rising pair', () => {
    const rising = risingTerms(
      [
        { term: 'ca chet', current: 120, baseline: 20 },
        { term: 'ca', current: 130, baseline: 60 },
        { term: 'ngap nuoc', current: 40, baseline: 300 },
        { term: 'hoc phi', current: 31, baseline: 110 },
        { term: 'gia lua', current: 25, baseline: 10 },
        { term: 'hiem', current: 2, baseline: 0 },
      ],
      { current: 1000, baseline: 4000 },
    );
    expect(rising.map((t) => t.term)).toEqual(['ca chet', 'gia lua']);
    expect(rising[0]?.ratio).toBeGreaterThan(20);
  });

  it('finds the written form of a term in a text', () => {
    expect(writtenForm('ca chet', 'Cá chết trắng sông đoạn qua xã')).toBe('cá chết');
    expect(writtenForm('ca chet', 'ca chet trang song')).toBe('ca chet');
    expect(writtenForm('gia lua', 'không có gì')).toBeUndefined();
  });
});
