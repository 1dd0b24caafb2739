/**
 * Dates as the Front counts them: calendar days and ISO weeks in Vietnam's time zone (UTC+7, no daylight saving).
 */

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 3600 * 1000;
const DAY_MS = 86400 * 1000;

/** The calendar day in Vietnam at an instant, as YYYY-MM-DD. */
export function dayInVietnam(at: Date = new Date()): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The wall-clock time in Vietnam at an instant, as "YYYY-MM-DD hh:mm:ss" (how DateTime parameters are given). */
export function timeInVietnam(at: Date = new Date()): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a YYYY-MM-DD string is a real calendar day. */
export function isCalendarDay(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Monday of the ISO week that holds the day. */
export function mondayOf(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(day, -weekday);
}

/** The ISO week label of a day: "2025-W38". */
export function isoWeekOf(day: string): string {
  const thursday = addDays(mondayOf(day), 3); // the ISO year is the year of the week's Thursday
  const year = Number(thursday.slice(0, 4));
  const firstThursday = addDays(mondayOf(`${year}-01-04`), 3);
  const week = 1 + Math.round((Date.parse(thursday) - Date.parse(firstThursday)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday of an ISO week label, or undefined when the label is malformed or the week does not exist. */
export function mondayOfIsoWeek(label: string): string | undefined {
  const m = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!m) return undefined;
  const year = Number(m[1]);
  const week = Number(m[2]);
  const monday = addDays(mondayOf(`${year}-01-04`), (week - 1) * 7);
  return week >= 1 && isoWeekOf(monday) === label ? monday : undefined;
}
