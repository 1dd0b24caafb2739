/**
 * Reading cell values in JavaScript for the kinds checked here (pipeline/js-engine.ts): times, numbers, unit codes,
 * vocabularies, phone and ID numbers, as Vietnamese files write them. The engine's own readers for the kinds checked
 * in SQL are the fp_* functions of sql/migrations/0013; test/contract/value-readers.test.ts holds both to the same
 * answers.
 */
import { matchKey } from '../../analytics/nlp/text.js';
import { aliasArrays } from '../../analytics/registry/vocabularies.js';

/** Excel's day numbers: 25569 is 1970-01-01; 25934 is 1971-01-01 and 73050 is 2099-12-31, the days taken. */
const EXCEL_EPOCH_DAY = 25569;
const EXCEL_FIRST_DAY = 25934;
const EXCEL_LAST_DAY = 73050;
/**
 * The years a time may have. The engine's DateTime holds nothing before 1970 (a day before would be stored as
 * 1970-01-01), so the first year is 1971: no petition, report or roster change is older.
 */
const FIRST_YEAR = 1971;
const LAST_YEAR = 2099;
const VIETNAM_OFFSET_MINUTES = 7 * 60;

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ ,T]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$/i;
const YEAR_FIRST_SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const VIETNAMESE = /^ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Wall time parts to "YYYY-MM-DD hh:mm:ss", or undefined when the day or time does not exist. */
function wallTime(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): string | undefined {
  if (y < FIRST_YEAR || y > LAST_YEAR || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
}

/** A UTC instant as Vietnam wall time. */
function vietnamTime(ms: number): string {
  return new Date(ms + VIETNAM_OFFSET_MINUTES * 60_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * A moment as "YYYY-MM-DD hh:mm:ss" in Vietnam time, like fp_time: ISO 8601 (a zone, if given, is converted), day-first
 * "16/09/2025 14:30", "2025/09/16", "ngày 16 tháng 9 năm 2025", Excel day numbers. Undefined when unreadable.
 */
export function parseTime(value: string): string | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  let m = ISO.exec(text);
  if (m) {
    const [, y, mo, d, h, mi, s, zone] = m;
    const local = wallTime(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
    if (!local || !zone) return local;
    const offset = zone.toUpperCase() === 'Z' ? 0 : zoneMinutes(zone);
    return vietnamTime(Date.parse(`${local.replace(' ', 'T')}Z`) - offset * 60_000);
  }
  m = DAY_FIRST.exec(text);
  if (m) return wallTime(Number(m[3]), Number(m[2]), Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  m = YEAR_FIRST_SLASH.exec(text);
  if (m) return wallTime(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  m = VIETNAMESE.exec(matchKey(text).replace(/_/g, ' '));
  if (m) return wallTime(Number(m[3]), Number(m[2]), Number(m[1]));
  if (/^\d{5}(\.\d+)?$/.test(text)) {
    const serial = Number(text);
    if (serial >= EXCEL_FIRST_DAY && serial <= EXCEL_LAST_DAY) return vietnamTime(Math.round((serial - EXCEL_EPOCH_DAY) * 86400) * 1000 - VIETNAM_OFFSET_MINUTES * 60_000);
  }
  return undefined;
}

function zoneMinutes(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
}

/** Adds whole days to a wall time. */
export function addDaysToTime(time: string, days: number): string {
  return new Date(Date.parse(`${time.replace(' ', 'T')}Z`) + days * 86400_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Like fp_number: "1.234,5", "1,234.5", "12,5", "1 234". Undefined when unreadable. */
export function parseNumber(value: string): number | undefined {
  const text = value.replace(/[\s\u00a0]/g, '');
  if (text === '') return undefined;
  let normal: string;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)) normal = text.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) normal = text.replace(/,/g, '');
  else if (/^-?\d+,\d+$/.test(text)) normal = text.replace(',', '.');
  else normal = text;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(normal)) return undefined;
  const n = Number(normal);
  return Number.isFinite(n) ? n : undefined;
}

/** A whole number from 0 up, or undefined. */
export function parseCount(value: string): number | undefined {
  const n = parseNumber(value);
  return n !== undefined && Number.isInteger(n) && n >= 0 && n <= 4_294_967_295 ? n : undefined;
}

/**
 * A unit code as typed: digits that lost their leading zeros are padded back (2 digits for a province, 5 for a commune,
 * by the level the column holds, else by length; "4-12" → "00004-012" for a village); "vn" is the central level.
 */
export function unitCode(value: string, level?: 'province' | 'commune'): string {
  const text = value.trim().toUpperCase();
  if (/^\d{1,5}$/.test(text)) {
    if (level === 'commune') return text.padStart(5, '0');
    if (level === 'province' || text.length <= 2) return text.padStart(2, '0');
    return text.padStart(5, '0');
  }
  const village = /^(\d{1,5})-(\d{1,3})$/.exec(text);
  if (village) return `${(village[1] as string).padStart(5, '0')}-${(village[2] as string).padStart(3, '0')}`;
  return text;
}

/** A vocabulary's names (as match keys) to its codes. */
export function vocabularyReader(vocabulary: Record<string, readonly string[]>): (value: string) => string | undefined {
  const { names, codes } = aliasArrays(vocabulary);
  const byName = new Map(names.map((n, i) => [n, codes[i] as string]));
  // A column of a vocabulary holds a few spellings, repeated on every row: each is folded once (a petition's channel
  // cost 6 µs a row). The memo is bounded: a column of free text stops filling it.
  const memo = new Map<string, string | undefined>();
  return (value) => {
    if (memo.has(value)) return memo.get(value);
    const code = byName.get(matchKey(value));
    if (memo.size < VOCABULARY_MEMO) memo.set(value, code);
    return code;
  };
}

/** Spellings of one vocabulary remembered at most. */
const VOCABULARY_MEMO = 1000;

/** Yes or no as forms write it; undefined when neither. */
export const readYesNo = vocabularyReader({
  '1': ['co', 'dong y', 'yes', 'true', 'x', 'y', 'ok'],
  '0': ['khong', 'khong dong y', 'no', 'false', 'n'],
});

/** A Vietnamese phone number, digits only, "+84" written as "0": 10 digits for a mobile, 10–11 for a landline. */
export function phoneNumber(value: string): string | undefined {
  let digits = value.replace(/[\s.()-]/g, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('84') && digits.length === 11) digits = `0${digits.slice(2)}`;
  // A number that lost its leading 0 in a spreadsheet (a cell taken as a number): 912345678.
  else if (/^[1-9]\d{8,9}$/.test(digits)) digits = `0${digits}`;
  return /^0\d{9,10}$/.test(digits) ? digits : undefined;
}

/** A citizen ID: the 12-digit CCCD or the older 9-digit CMND. */
export function idNumber(value: string): string | undefined {
  const digits = value.replace(/[\s.-]/g, '');
  return /^(\d{9}|\d{12})$/.test(digits) ? digits : undefined;
}

export function isEmail(value: string): boolean {
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value);
}

/** Text as stored: NFC, line breaks kept (as "\n"), runs of spaces within a line collapsed, ends trimmed. */
export function storedText(value: string): string {
  // Each step only when the text needs it: most texts have one space between words and few lines, and each replace
  // copies the whole text (a petition's text: 6.5 µs → 1.3 µs).
  let text = value.normalize('NFC');
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (/[\t\u00a0\u2000-\u200b\u3000]| {2}/u.test(text)) text = text.replace(/[ \t\u00a0\u2000-\u200b\u3000]+/gu, ' ');
  if (text.includes('\n')) text = text.replace(/ ?\n ?/g, '\n').replace(/\n{3,}/g, '\n\n');
  return text.trim();
}
