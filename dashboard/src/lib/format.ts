/**
 * Vietnamese number and date formats, in one place: 1.234.567 · 68,65% · 16/09/2025.
 */

const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '–' : integer.format(value);
}

/** A share already in percent (68.65 → "68,65%"). */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '–' : `${twoDecimals.format(value)}%`;
}

/** A whole percent for chart axes (68 → "68%"). */
export function formatPercentAxis(value: number): string {
  return `${integer.format(value)}%`;
}

/** "2025-09-16" or "2025-09-16 17:30:00" → "16/09/2025". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '–';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

/** With one decimal at most (6.8 → "6,8"): ratios, z-scores, averages. */
export function formatDecimal(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '–' : oneDecimal.format(value);
}
const oneDecimal = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** "2025-09-16 17:30:00" → "16/09/2025 17:30". */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '–';
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : formatDate(value);
}

/** An ISO week "2025-W37" → "Tuần 37/2025"; `short` → "T37". */
export function formatWeek(value: string, short = false): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(value);
  if (!m) return value;
  return short ? `T${Number(m[2])}` : `Tuần ${Number(m[2])}/${m[1]}`;
}

export const SEVERITY_NAMES: Record<'high' | 'medium' | 'low', string> = { high: 'Cao', medium: 'Trung bình', low: 'Thấp' };
