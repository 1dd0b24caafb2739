import { describe, expect, it } from 'vitest';
import { isoWeek, presetOf, presetPeriod } from './period';

describe('period presets', () => {
  // Tuesday 16 September 2025, ISO week 38, the third quarter.
  const reference = '2025-09-16';

  it('end on the reference day, from the start of its week, month, the weeks before, or its quarter', () => {
    expect(presetPeriod('week', reference)).toEqual({ from: '2025-09-15', to: reference });
    expect(presetPeriod('month', reference)).toEqual({ from: '2025-09-01', to: reference });
    expect(presetPeriod('4w', reference)).toEqual({ from: '2025-08-25', to: reference });
    expect(presetPeriod('12w', reference)).toEqual({ from: '2025-06-30', to: reference });
    expect(presetPeriod('quarter', reference)).toEqual({ from: '2025-07-01', to: reference });
  });

  it('are recognised back from the address, anything else being custom', () => {
    expect(presetOf('2025-09-15', reference, reference)).toBe('week');
    expect(presetOf('2025-09-01', reference, reference)).toBe('month');
    expect(presetOf(null, null, reference)).toBe('12w');
    expect(presetOf('2025-09-02', reference, reference)).toBe('custom');
  });

  it('name ISO weeks across the turn of a year', () => {
    expect(isoWeek('2025-09-16')).toBe('2025-W38');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
  });
});
