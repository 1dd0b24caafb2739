import { describe, expect, it } from 'vitest';
import { evaluate } from './metrics.js';

describe('evaluate', () => {
  it('computes per-class, macro and weighted scores as hand-counted', () => {
    // a: 3 gold, 2 right, 1 false alarm; b: 1 gold, 0 right; c: 1 gold, 1 right
    const e = evaluate(['a', 'a', 'a', 'b', 'c'], ['a', 'a', 'b', 'a', 'c']);
    expect(e.n).toBe(5);
    expect(e.accuracy).toBe(0.6);
    expect(e.perClass.a).toEqual({ precision: 0.6667, recall: 0.6667, f1: 0.6667, support: 3 });
    expect(e.perClass.b).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(e.perClass.c).toEqual({ precision: 1, recall: 1, f1: 1, support: 1 });
    expect(e.macroF1).toBe(0.5556);
    expect(e.weightedF1).toBe(0.6);
  });
});
