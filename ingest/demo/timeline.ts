/**
 * When things happen in the demo year: how many items fall on each day (growth, weekdays, the Tết holiday,
 * the new platform after the 2025 reform) and at what time of day.
 */
import { addDays } from '../../analytics/clock.js';
import { apportion, type Random } from '../../analytics/random.js';

export const DAYS_IN_YEAR = 365;

/** The 365 days ending on the reference day. */
export function yearDays(asOf: string): string[] {
  return Array.from({ length: DAYS_IN_YEAR }, (_, i) => addDays(asOf, i - (DAYS_IN_YEAR - 1)));
}

// Tết Ất Tỵ: the week around 29 January 2025, when offices close and few people write.
const TET = { from: '2025-01-25', to: '2025-02-02' };

/** Relative volume of a day. Petitions follow office days; posts are written every day, a little more at weekends. */
export function dayWeight(day: string, index: number, kind: 'petition' | 'post'): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  const byWeekday = kind === 'petition' ? [0.45, 1.15, 1.1, 1.05, 1.05, 1.0, 0.6] : [1.1, 0.95, 0.95, 0.95, 0.95, 1.0, 1.1];
  const growth = 0.75 + (0.5 * index) / DAYS_IN_YEAR;
  const platform = day >= '2025-07-01' ? 1.15 : 1;
  const tet = day >= TET.from && day <= TET.to ? 0.35 : 1;
  return (byWeekday[weekday] as number) * growth * platform * tet;
}

/** How many of `total` items fall on each day of the year. */
export function itemsPerDay(total: number, asOf: string, kind: 'petition' | 'post'): number[] {
  return apportion(total, yearDays(asOf).map((d, i) => dayWeight(d, i, kind)));
}

/** Seconds after midnight: mostly working hours for petitions, evenings too for posts. */
export function timeOfDay(random: Random, kind: 'petition' | 'post'): number {
  const hour = kind === 'petition'
    ? Math.min(22, Math.max(6, Math.round(7 + random.next() * 11 + random.normal())))
    : Math.min(23, Math.max(0, Math.round(12 + random.normal() * 5)));
  return hour * 3600 + random.int(0, 3599);
}
