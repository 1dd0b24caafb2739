import { describe, expect, it } from 'vitest';
import { addDays, dayInVietnam, isCalendarDay, isoWeekOf, mondayOf, mondayOfIsoWeek } from './clock.js';

describe('clock', () => {
  it('counts the day in Vietnam, seven hours ahead of UTC', () => {
    expect(dayInVietnam(new Date('2025-09-15T16:59:59Z'))).toBe('2025-09-15');
    expect(dayInVietnam(new Date('2025-09-15T17:00:00Z'))).toBe('2025-09-16');
  });

  it('gives ISO weeks, including weeks that straddle a new year', () => {
    expect(isoWeekOf('2025-09-16')).toBe('2025-W38');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(mondayOf('2025-09-21')).toBe('2025-09-15');
    expect(mondayOfIsoWeek('2025-W38')).toBe('2025-09-15');
    expect(mondayOfIsoWeek('2020-W53')).toBe('2020-12-28');
  });

  it('rejects weeks and days that do not exist', () => {
    expect(mondayOfIsoWeek('2025-W53')).toBeUndefined();
    expect(mondayOfIsoWeek('2025-38')).toBeUndefined();
    expect(isCalendarDay('2025-02-29')).toBe(false);
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('16/09/2025')).toBe(false);
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
  });
});
