import { describe, expect, it } from 'vitest';
import { dueAt, isDue, lastDueWeek, mondays, reportingLevels } from './reporting.js';

describe('report deadlines', () => {
  it('puts the deadline of a week at 00:00 on the Tuesday after it (Monday + 8 days)', () => {
    expect(dueAt('2025-09-08')).toBe('2025-09-16 00:00:00');
  });

  it('counts a week as due from the end of the Monday after it, not before', () => {
    expect(isDue('2025-09-08', '2025-09-14')).toBe(false); // its Sunday
    expect(isDue('2025-09-08', '2025-09-15')).toBe(true); // the deadline falls at the end of this Monday
  });

  it('takes the week before last as the latest due on a Sunday, the last week from the Monday on', () => {
    expect(lastDueWeek('2025-09-14')).toBe('2025-09-01');
    expect(lastDueWeek('2025-09-15')).toBe('2025-09-08');
    expect(lastDueWeek('2025-09-16')).toBe('2025-09-08');
  });

  it('lists Mondays across a year end, both ends included', () => {
    expect(mondays('2025-12-22', '2026-01-05')).toEqual(['2025-12-22', '2025-12-29', '2026-01-05']);
    expect(mondays('2026-01-05', '2025-12-22')).toEqual([]);
  });
});

describe('reportingLevels', () => {
  it('has provinces and communes report under the nation and a province, communes under a commune, none under a village', () => {
    expect(reportingLevels('central')).toEqual(['province', 'commune']);
    expect(reportingLevels('province')).toEqual(['province', 'commune']);
    expect(reportingLevels('commune')).toEqual(['commune']);
    expect(reportingLevels('village')).toEqual([]);
  });
});
