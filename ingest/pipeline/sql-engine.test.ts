import { describe, expect, it } from 'vitest';
import { cutIntoRanges } from './sql-engine.js';

/** `count` slices of `rows` rows each, numbered from 0. */
const even = (count: number, rows: number) => Array.from({ length: count }, (_, slice) => ({ slice, rows }));
const sizes = (slices: { slice: number; rows: number }[], ranges: { from: number; to: number }[]) =>
  ranges.map((r) => slices.filter((s) => s.slice >= r.from && s.slice <= r.to).reduce((sum, s) => sum + s.rows, 0));

describe('the staged rows cut into ranges to check', () => {
  it('checks a million rows in two halves, with no small range left over', () => {
    // 1,024 slices of 976 or 977 rows: a million in all.
    const slices = even(1024, 976).map((s, i) => ({ ...s, rows: i < 576 ? 977 : 976 }));
    const ranges = cutIntoRanges(slices, 500_000);
    expect(ranges).toHaveLength(2);
    // Each within a slice of half: the first takes slices until it holds its half, the second the rest.
    expect(sizes(slices, ranges)).toEqual([512 * 977, 1_000_000 - 512 * 977]);
  });

  it('covers every slice once, in order, each range a run of consecutive slices', () => {
    const slices = even(1000, 7).filter((s) => s.slice % 3 !== 0);
    const ranges = cutIntoRanges(slices, 1_000);
    expect(ranges.length).toBe(Math.ceil((slices.length * 7) / 1_000));
    expect(ranges[0]?.from).toBe(1);
    expect(ranges.at(-1)?.to).toBe(998);
    for (const [i, r] of ranges.entries()) if (i > 0) expect(r.from).toBeGreaterThan(ranges[i - 1]?.to as number);
    expect(sizes(slices, ranges).reduce((a, b) => a + b, 0)).toBe(slices.length * 7);
  });

  it('keeps a slice larger than a range whole, in a range of its own', () => {
    const slices = [{ slice: 0, rows: 2 }, { slice: 1, rows: 50 }, { slice: 2, rows: 2 }];
    expect(cutIntoRanges(slices, 10)).toEqual([{ from: 0, to: 1 }, { from: 2, to: 2 }]);
  });

  it('makes one range of a file smaller than a range, and none of an empty one', () => {
    expect(cutIntoRanges(even(10, 5), 500_000)).toEqual([{ from: 0, to: 9 }]);
    expect(cutIntoRanges([], 500_000)).toEqual([]);
  });
});
