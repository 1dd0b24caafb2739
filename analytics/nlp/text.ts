/**
 * Vietnamese text basics used everywhere text is compared: Unicode NFC, one tone-mark placement,
 * the diacritic-free fold, and keys for matching names and column headers.
 * The NLP pipeline builds on these; ingestion uses them to normalise names.
 */

/** NFC with runs of white space (including non-breaking spaces) collapsed and the ends trimmed. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/[\s\u00a0\u2000-\u200b\u3000]+/gu, ' ').trim();
}

const TONED_VOWEL_BY_MARK: Record<string, Record<string, string>> = {
  a: { '\u0300': 'à', '\u0301': 'á', '\u0309': 'ả', '\u0303': 'ã', '\u0323': 'ạ' },
  e: { '\u0300': 'è', '\u0301': 'é', '\u0309': 'ẻ', '\u0303': 'ẽ', '\u0323': 'ẹ' },
  y: { '\u0300': 'ỳ', '\u0301': 'ý', '\u0309': 'ỷ', '\u0303': 'ỹ', '\u0323': 'ỵ' },
  o: { '\u0300': 'ò', '\u0301': 'ó', '\u0309': 'ỏ', '\u0303': 'õ', '\u0323': 'ọ' },
  u: { '\u0300': 'ù', '\u0301': 'ú', '\u0309': 'ủ', '\u0303': 'ũ', '\u0323': 'ụ' },
};

/**
 * One placement of the tone mark in the open syllables "oa", "oe", "uy": the older one the official unit list uses
 * ("hòa", "thủy", "khỏe"), so "Hoà" and "Hòa" become the same string. "quý" keeps its mark on y: "qu" is a consonant.
 */
export function canonicalToneMarks(value: string): string {
  return value
    .normalize('NFD')
    .replace(/(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])(?![\p{L}\p{M}])/gu, (m, first: string, second: string, mark: string) => {
      const toned = TONED_VOWEL_BY_MARK[first.toLowerCase()]?.[mark];
      if (!toned) return m;
      return (first === first.toUpperCase() ? toned.toUpperCase() : toned) + second;
    })
    .normalize('NFC');
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

/** A key for matching labels written in any style: "Mã xã", "MA_XA", "ma xa" → "ma_xa". */
export function matchKey(value: string): string {
  return foldDiacritics(cleanText(value))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
