/**
 * Number and date formats, in one place, in the interface's language: Vietnamese 1.234.567 · 68,65% · 16/09/2025,
 * English 1,234,567 · 68.65% · 16 Sep 2025 (day first and the month named, so neither reader mistakes the day).
 */
import { lang, t, type Lang } from './i18n';

const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };
const formatters = (locale: string) => ({
  integer: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
  twoDecimals: new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  oneDecimal: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }),
});
const NUMBERS = { vi: formatters(LOCALES.vi), en: formatters(LOCALES.en) };
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const missing = (value: number | null | undefined): value is null | undefined =>
  value === null || value === undefined || Number.isNaN(value);

export function formatNumber(value: number | null | undefined): string {
  return missing(value) ? '–' : NUMBERS[lang()].integer.format(value);
}

/** A share already in percent (68.65 → "68,65%"). */
export function formatPercent(value: number | null | undefined): string {
  return missing(value) ? '–' : `${NUMBERS[lang()].twoDecimals.format(value)}%`;
}

/** A whole percent for chart axes (68 → "68%"). */
export function formatPercentAxis(value: number): string {
  return `${NUMBERS[lang()].integer.format(value)}%`;
}

/** With one decimal at most (6.8 → "6,8"): ratios, z-scores, averages. */
export function formatDecimal(value: number | null | undefined): string {
  return missing(value) ? '–' : NUMBERS[lang()].oneDecimal.format(value);
}

/** A day from a regular-expression match whose groups 1–3 are year, month, day. */
function day(m: RegExpExecArray): string {
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  return lang() === 'en' ? `${Number(d)} ${MONTHS_EN[Number(mo) - 1]} ${y}` : `${d}/${mo}/${y}`;
}

/** "2025-09-16" or "2025-09-16 17:30:00" → "16/09/2025". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '–';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? day(m) : value;
}

/** "2025-09-16 17:30:00" → "16/09/2025 17:30". */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '–';
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})/.exec(value);
  return m ? `${day(m)} ${m[4]}:${m[5]}` : formatDate(value);
}

/** An ISO week "2025-W37" → "Tuần 37/2025" (English "Week 37/2025"); `short` → "T37" ("W37"). */
export function formatWeek(value: string, short = false): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(value);
  if (!m) return value;
  return t(short ? 'week.short' : 'week.long', { week: Number(m[2]), year: m[1] ?? '' });
}

export function severityName(severity: 'high' | 'medium' | 'low'): string {
  return t(`severity.${severity}`);
}
