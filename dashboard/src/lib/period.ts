/**
 * The period a view shows, kept in the address as ?from=YYYY-MM-DD&to=YYYY-MM-DD: the presets (last 4 or 12 weeks up
 * to the data's reference day, its quarter) and ISO weeks, as plain date arithmetic in UTC (days carry no time zone).
 */

export type PresetKey = 'week' | 'month' | '4w' | '12w' | 'quarter' | 'custom';

/** The presets in the order shown; their names are `period.<key>` in `i18n.ts`. */
export const PRESETS: readonly PresetKey[] = ['week', 'month', '4w', '12w', 'quarter', 'custom'];

const DAY = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);

export function addDays(day: string, days: number): string {
  return toDay(ms(day) + days * DAY);
}

/** Monday of the week of a day. */
export function mondayOf(day: string): string {
  const weekday = (new Date(ms(day)).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** The ISO week of a day, "2025-W38". */
export function isoWeek(day: string): string {
  const thursday = addDays(mondayOf(day), 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((ms(thursday) - ms(`${year}-01-01`)) / DAY / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * A preset's days, ending on the reference day: its week (from Monday), its month, the last 4 or 12 weeks as the API
 * counts weeks (the Monday N − 1 weeks before), its quarter.
 */
export function presetPeriod(key: Exclude<PresetKey, 'custom'>, reference: string): { from: string; to: string } {
  if (key === 'week') return { from: mondayOf(reference), to: reference };
  if (key === 'month') return { from: `${reference.slice(0, 8)}01`, to: reference };
  if (key === 'quarter') {
    const month = Number(reference.slice(5, 7));
    const first = Math.floor((month - 1) / 3) * 3 + 1;
    return { from: `${reference.slice(0, 4)}-${String(first).padStart(2, '0')}-01`, to: reference };
  }
  const weeks = key === '4w' ? 4 : 12;
  return { from: addDays(mondayOf(reference), -7 * (weeks - 1)), to: reference };
}

/** Which preset a period is; none given is the API's default, twelve weeks. */
export function presetOf(from: string | null, to: string | null, reference: string): PresetKey {
  if (!from && !to) return '12w';
  for (const key of ['week', 'month', '4w', '12w', 'quarter'] as const) {
    const p = presetPeriod(key, reference);
    if (p.from === from && p.to === (to ?? reference)) return key;
  }
  return 'custom';
}
