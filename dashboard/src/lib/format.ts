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
