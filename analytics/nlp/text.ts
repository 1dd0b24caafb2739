/**
 * Vietnamese text basics used everywhere text is compared: Unicode NFC, one tone-mark placement,
 * the diacritic-free fold, and keys for matching names and column headers.
 * The NLP pipeline builds on these; ingestion uses them to normalise names.
 */

/** NFC with runs of white space (including non-breaking spaces) collapsed and the ends trimmed. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/[\s\u00a0\u2000-\u200b\u3000]+/gu, ' ').trim();
}

const TONE_MARKS = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

/** New-style pairs ("oà") to old-style ones ("òa"), in NFC, both cases: built once from the five tone marks. */
const OLD_STYLE = new Map<string, string>();
for (const [first, second] of [['o', 'a'], ['o', 'e'], ['u', 'y'], ['u', 'a']] as const) {
  for (const mark of TONE_MARKS) {
    for (const upper of [false, true]) {
      const f = upper ? first.toUpperCase() : first;
      const sd = upper ? second.toUpperCase() : second;
      OLD_STYLE.set(f + (sd + mark).normalize('NFC'), (f + mark).normalize('NFC') + sd);
    }
  }
}
const NEW_STYLE_PAIR = new RegExp(`(?<![qQ])(${[...OLD_STYLE.keys()].join('|')})(?![\\p{L}\\p{M}])`, 'gu');

/**
 * One placement of the tone mark in the open syllables "oa", "oe", "uy": the older one the official unit list uses
 * ("hòa", "thủy", "khỏe"), so "Hoà" and "Hòa" become the same string. "quý" keeps its mark on y: "qu" is a consonant,
 * and a closed syllable ("hoàn") keeps its mark on the main vowel in both styles.
 */
export function canonicalToneMarks(value: string): string {
  return value.normalize('NFC').replace(NEW_STYLE_PAIR, (pair) => OLD_STYLE.get(pair) ?? pair);
}

/** Drops every diacritic: "Phường Văn Miếu" → "Phuong Van Mieu", "Đắk Lắk" → "Dak Lak". */
export function foldDiacritics(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** Each letter below U+1F00 with its diacritics dropped, or 0 when it has none: the fast path of `foldLetters`. */
const FOLD_TABLE = (() => {
  const table = new Uint16Array(0x1f00);
  for (let c = 0xc0; c < 0x1f00; c++) {
    const folded = foldDiacritics(String.fromCharCode(c));
    if (folded.length === 1 && folded.charCodeAt(0) !== c && folded.charCodeAt(0) < 0x80) table[c] = folded.charCodeAt(0);
  }
  return table;
})();

/** `foldDiacritics` for NFC text, one table look-up a character: the NLP pipeline folds every token. */
export function foldLetters(value: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const f = c < 0x1f00 ? (FOLD_TABLE[c] as number) : 0;
    if (f !== 0) {
      if (!changed) {
        out = value.slice(0, i);
        changed = true;
      }
      out += String.fromCharCode(f);
    } else if (changed) {
      out += value[i];
    }
  }
  return changed ? out : value;
}

/** A key for matching labels written in any style: "Mã xã", "MA_XA", "ma xa" → "ma_xa". */
export function matchKey(value: string): string {
  return foldDiacritics(cleanText(value))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
