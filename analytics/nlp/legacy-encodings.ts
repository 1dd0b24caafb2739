/**
 * Legacy Vietnamese encodings: TCVN3 (ABC), VNI Windows and Windows-1258 to Unicode NFC and back; the guess of which
 * encoding a file is in; and the repair of text that went through the wrong decoder (mojibake).
 * Government spreadsheets and CSV exports still arrive in these encodings. Everything after ingestion assumes NFC
 * Unicode, so this module is the only place that knows the legacy byte tables.
 *
 * Sources of the tables, checked position by position:
 * - TCVN3: TCVN 5712:1993 VN3 as listed in UniKey's converter (vnconv `data.cpp`, TCVN3 row), and the VN3 subset of
 *   glibc's `TCVN5712-1` table; Wikipedia "VSCII": VN3 adds 67 lower-case letters, 7 upper-case letters without tone
 *   (Ă Â Ê Ô Ơ Ư Đ) and the non-breaking space, and keeps C0/C1.
 * - VNI Windows: UniKey `data.cpp` (VNI-WIN row: base byte + mark byte) and xvnkb `vni.h`.
 * - Windows-1258: glibc `CP1258` (the Microsoft table); UniKey's "CP1258 with precomposed characters" spelling, which is
 *   also what glibc iconv writes, is the one `encodeLegacy` produces.
 *
 * Pure TypeScript on Uint8Array and TextDecoder: no Node API, so the browser can use it too.
 * Decoding is one table look-up per byte (two for VNI and Windows-1258 letters); no regex in any per-byte path.
 * Input read in chunks must be cut at a line break ("\n"): a VNI or Windows-1258 letter spans two bytes, never a line.
 */
import { NAME_BAND, NAME_SYLLABLES, SYLLABLE_BANDS } from './vietnamese-syllables.js';

export type LegacyEncoding = 'tcvn3' | 'vni' | 'windows-1258';
export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | LegacyEncoding;

const LEGACY_ENCODINGS: readonly LegacyEncoding[] = ['tcvn3', 'vni', 'windows-1258'];

// ---------------------------------------------------------------------------------------------------------------
// The Vietnamese letters every table is built from
// ---------------------------------------------------------------------------------------------------------------

/** Tone indices; the order (huyền, sắc, hỏi, ngã, nặng) is the order of every per-vowel list below. */
const NO_TONE = 0;
const ACUTE = 2;
const DOT_BELOW = 5;
const TONE_COMBINING = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'] as const;
const TONED = [1, 2, 3, 4, 5] as const;

const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'] as const;
type Vowel = (typeof VOWELS)[number];

/** One Vietnamese letter in NFC: `letter('ô', 5)` is "ộ". */
function letter(vowel: string, tone: number): string {
  return (vowel + TONE_COMBINING[tone]).normalize('NFC');
}

function upper(ch: string): string {
  return ch.toUpperCase();
}

function code(ch: string): number {
  return ch.charCodeAt(0);
}

/** Windows-1252 at 0x80–0x9F (the five undefined bytes stay C1 controls, as browsers decode them). */
const CP1252_80_9F = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
] as const;

/** A byte as Windows-1252 reads it. Legacy fonts left the bytes they did not use to Windows, so this is the fallback. */
function cp1252(byte: number): number {
  return byte >= 0x80 && byte < 0xa0 ? CP1252_80_9F[byte - 0x80]! : byte;
}

// ---------------------------------------------------------------------------------------------------------------
// Codecs: one table-driven structure shared by the three encodings
// ---------------------------------------------------------------------------------------------------------------

/** Code units the encoders know about: Latin, Vietnamese (U+1EA0–U+1EF9), Windows punctuation (up to U+2122). */
const ENCODE_LIMIT = 0x2200;

interface Codec {
  readonly name: LegacyEncoding;
  /** What a byte means when it does not start a two-byte letter. */
  readonly single: Uint16Array;
  /** Row of a byte that can start a two-byte letter, or -1. */
  readonly baseRow: Int8Array;
  /** Column of a byte that can end a two-byte letter, or -1. */
  readonly markColumn: Int8Array;
  readonly columns: number;
  /** (row, column) → the composed letter, 0 where the pair means nothing. */
  readonly pairs: Uint16Array;
  /** 1 where `single` is a combining mark the pair table did not absorb, so the output still needs NFC. */
  readonly combining: Uint8Array;
  /** Code unit → first byte | second byte << 8, or -1 where the encoding cannot write it. */
  readonly encode: Int32Array;
  /**
   * `single` for detection: a letter that only the Windows-1252 fallback gives (the encoding writes that letter with
   * other bytes, or not at all) becomes FALLBACK_LETTER. TCVN3 0xE0 reads "à", but TCVN3 writes "à" as 0xB5; a lone VNI
   * mark byte reads "â". Such a letter is what reading a file with the wrong table produces, not what the file says.
   */
  readonly detectSingle: Uint16Array;
}

/** Stands, in a reading for detection, for a letter only the Windows-1252 fallback produced (see Codec). */
const FALLBACK_LETTER = 0xfffd;

/** À–ÿ less × and ÷: the letters a Windows-1252 fallback byte reads as (the ones at 0x80–0x9F are never Vietnamese). */
function isLatinLetter(ch: number): boolean {
  return ch >= 0xc0 && ch <= 0xff && ch !== 0xd7 && ch !== 0xf7;
}

class CodecBuilder {
  readonly single = new Uint16Array(256);
  readonly combining = new Uint8Array(256);
  readonly encode = new Int32Array(ENCODE_LIMIT).fill(-1);
  private readonly pairList: Array<[number, number, number]> = [];

  constructor(readonly name: LegacyEncoding) {
    for (let b = 0; b < 256; b++) this.single[b] = cp1252(b);
  }

  /** `byte` alone decodes to `ch`. */
  setSingle(byte: number, ch: string | number): void {
    this.single[byte] = typeof ch === 'number' ? ch : code(ch);
  }

  /** `ch` is written as these bytes (the last call for a character wins). */
  writeAs(ch: string | number, ...bytes: [number] | [number, number]): void {
    this.encode[typeof ch === 'number' ? ch : code(ch)] = bytes.length === 1 ? bytes[0] : bytes[0] | (bytes[1] << 8);
  }

  /** The byte pair decodes to `ch` (the first registration of a pair wins). */
  setPair(first: number, second: number, ch: string): void {
    this.pairList.push([first, second, code(ch)]);
  }

  build(): Codec {
    const baseRow = new Int8Array(256).fill(-1);
    const markColumn = new Int8Array(256).fill(-1);
    let rows = 0;
    let columns = 0;
    for (const [first, second] of this.pairList) {
      if (baseRow[first] === -1) baseRow[first] = rows++;
      if (markColumn[second] === -1) markColumn[second] = columns++;
    }
    const pairs = new Uint16Array(rows * columns);
    for (const [first, second, ch] of this.pairList) {
      const at = baseRow[first]! * columns + markColumn[second]!;
      if (pairs[at] === 0) pairs[at] = ch;
    }
    const detectSingle = this.single.slice();
    for (let b = 0x80; b < 0x100; b++) {
      const ch = this.single[b]!;
      if (isLatinLetter(ch) && this.encode[ch] !== b) detectSingle[b] = FALLBACK_LETTER;
    }
    return { name: this.name, single: this.single, baseRow, markColumn, columns, pairs, combining: this.combining, encode: this.encode, detectSingle };
  }
}

/**
 * TCVN3 (ABC, TCVN 5712:1993 VN3, the .VnTime fonts): one byte per letter, lower-case toned letters only.
 * TRICKY: VN3 has no upper-case toned letters. Capitals were typed in the .VnTimeH fonts, which draw the lower-case
 * codes as capitals, so the bytes cannot tell "HÀ NỘI" from "Hà Nội": "Hµ NéI" decodes to "Hà NộI". We decode to lower
 * case and encode upper-case toned letters as their lower-case codes (UniKey does the same). The upper-case positions
 * of VN1 (0x01–0x17, 0x80–0x9F, …) are not read as letters: VN3 files hold Windows punctuation (“ ” – …) there.
 */
const TCVN3_TONED: Record<Vowel, readonly [number, number, number, number, number]> = {
  a: [0xb5, 0xb8, 0xb6, 0xb7, 0xb9],
  ă: [0xbb, 0xbe, 0xbc, 0xbd, 0xc6],
  â: [0xc7, 0xca, 0xc8, 0xc9, 0xcb],
  e: [0xcc, 0xd0, 0xce, 0xcf, 0xd1],
  ê: [0xd2, 0xd5, 0xd3, 0xd4, 0xd6],
  i: [0xd7, 0xdd, 0xd8, 0xdc, 0xde],
  o: [0xdf, 0xe3, 0xe1, 0xe2, 0xe4],
  ô: [0xe5, 0xe8, 0xe6, 0xe7, 0xe9],
  ơ: [0xea, 0xed, 0xeb, 0xec, 0xee],
  u: [0xef, 0xf3, 0xf1, 0xf2, 0xf4],
  ư: [0xf5, 0xf8, 0xf6, 0xf7, 0xf9],
  y: [0xfa, 0xfd, 0xfb, 0xfc, 0xfe],
};
const TCVN3_PLAIN: ReadonlyArray<readonly [string, number]> = [
  ['Ă', 0xa1], ['Â', 0xa2], ['Ê', 0xa3], ['Ô', 0xa4], ['Ơ', 0xa5], ['Ư', 0xa6], ['Đ', 0xa7],
  ['ă', 0xa8], ['â', 0xa9], ['ê', 0xaa], ['ô', 0xab], ['ơ', 0xac], ['ư', 0xad], ['đ', 0xae],
];

function buildTcvn3(): Codec {
  const c = new CodecBuilder('tcvn3');
  // Encodable besides letters: ASCII, the Windows punctuation VN3 leaves alone, and the no-break space.
  for (let b = 0; b <= 0xa0; b++) c.writeAs(c.single[b]!, b);
  for (const [ch, byte] of TCVN3_PLAIN) {
    c.setSingle(byte, ch);
    c.writeAs(ch, byte);
  }
  for (const vowel of VOWELS) {
    for (const tone of TONED) {
      const byte = TCVN3_TONED[vowel][tone - 1]!;
      const lower = letter(vowel, tone);
      c.setSingle(byte, lower);
      c.writeAs(lower, byte);
      c.writeAs(upper(lower), byte); // approximated: see the TRICKY note above
    }
  }
  return c.build();
}

/**
 * VNI Windows: an ASCII base letter followed by a mark byte from the Latin-1 range ("Vieät" = Việt); ơ, ư, đ, the
 * toned i's and ỵ are single bytes. Upper-case letters take the upper-case mark bytes, 0x20 below the lower-case ones.
 * Bytes that are neither read as Windows-1252, as the VNI fonts left them.
 */
const VNI_TONE_MARKS = [0, 0xf8, 0xf9, 0xfb, 0xf5, 0xef] as const; // -, grave ø, acute ù, hook û, tilde õ, dot ï
const VNI_CIRCUMFLEX_MARKS = [0xe2, 0xe0, 0xe1, 0xe5, 0xe3, 0xe4] as const; // â à á å ã ä
const VNI_BREVE_MARKS = [0xea, 0xe8, 0xe9, 0xfa, 0xfc, 0xeb] as const; // ê è é ú ü ë
const VNI_I = [0x69, 0xec, 0xed, 0xe6, 0xf3, 0xf2] as const; // i ì í æ ó ò
/** How each vowel is spelled in lower case: its base byte and the mark byte per tone (0 = no mark byte). */
const VNI_SPELLING: Record<Vowel, { base: number; marks: readonly number[] } | { singles: readonly number[] }> = {
  a: { base: 0x61, marks: VNI_TONE_MARKS },
  ă: { base: 0x61, marks: VNI_BREVE_MARKS },
  â: { base: 0x61, marks: VNI_CIRCUMFLEX_MARKS },
  e: { base: 0x65, marks: VNI_TONE_MARKS },
  ê: { base: 0x65, marks: VNI_CIRCUMFLEX_MARKS },
  i: { singles: VNI_I },
  o: { base: 0x6f, marks: VNI_TONE_MARKS },
  ô: { base: 0x6f, marks: VNI_CIRCUMFLEX_MARKS },
  ơ: { base: 0xf4, marks: VNI_TONE_MARKS },
  u: { base: 0x75, marks: VNI_TONE_MARKS },
  ư: { base: 0xf6, marks: VNI_TONE_MARKS },
  y: { base: 0x79, marks: VNI_TONE_MARKS },
};
const VNI_Y_DOT = 0xee; // ỵ is the single byte î, not y + ï
const VNI_D_STROKE = 0xf1; // đ, ñ

/** The upper-case twin of a VNI byte: ASCII letters by case, the Latin-1 marks and letters sit 0x20 lower. */
function vniUpper(byte: number): number {
  return byte >= 0x61 && byte <= 0x7a ? byte - 0x20 : byte >= 0xe0 ? byte - 0x20 : byte;
}

function buildVni(): Codec {
  const c = new CodecBuilder('vni');
  // Encodable besides letters: ASCII and the symbols below 0xC0; 0xC0–0xFF belong to VNI's letters and marks.
  for (let b = 0; b < 0xc0; b++) c.writeAs(c.single[b]!, b);
  const spell = (ch: string, bytes: readonly number[]): void => {
    if (bytes.length === 1) {
      c.setSingle(bytes[0]!, ch);
      c.writeAs(ch, bytes[0]!);
    } else {
      c.setPair(bytes[0]!, bytes[1]!, ch);
      c.writeAs(ch, bytes[0]!, bytes[1]!);
    }
  };
  for (const isUpper of [false, true]) {
    const cased = (b: number): number => (isUpper ? vniUpper(b) : b);
    const caseOf = (ch: string): string => (isUpper ? upper(ch) : ch);
    spell(caseOf('đ'), [cased(VNI_D_STROKE)]);
    for (const vowel of VOWELS) {
      const spelling = VNI_SPELLING[vowel];
      for (let tone = NO_TONE; tone <= DOT_BELOW; tone++) {
        const ch = caseOf(letter(vowel, tone));
        if ('singles' in spelling) spell(ch, [cased(spelling.singles[tone]!)]);
        else if (vowel === 'y' && tone === DOT_BELOW) spell(ch, [cased(VNI_Y_DOT)]);
        else {
          const mark = spelling.marks[tone]!;
          spell(ch, mark === 0 ? [cased(spelling.base)] : [cased(spelling.base), cased(mark)]);
        }
      }
    }
  }
  // Read leniently what some converters wrote: a mark in the other case than its letter ("Aø"), and "yï" for ỵ.
  // Registered after the real spellings, which therefore win.
  for (const vowel of VOWELS) {
    const spelling = VNI_SPELLING[vowel];
    if ('singles' in spelling) continue;
    for (let tone = NO_TONE; tone <= DOT_BELOW; tone++) {
      const mark = vowel === 'y' && tone === DOT_BELOW ? VNI_TONE_MARKS[DOT_BELOW] : spelling.marks[tone]!;
      if (mark === 0) continue;
      const lower = letter(vowel, tone);
      for (const [base, ch] of [[spelling.base, lower], [vniUpper(spelling.base), upper(lower)]] as const) {
        c.setPair(base, mark, ch);
        c.setPair(base, vniUpper(mark), ch);
      }
    }
  }
  return c.build();
}

/**
 * Windows-1258: Windows-1252 with ĂăĐđƠơƯư₫ and five combining tone marks in place of some Latin-1 letters.
 * A toned letter is its base plus a tone byte ("ấ" = â + 0xEC); à á è é í ó ù ú also exist precomposed.
 */
const CP1258_CHANGES: ReadonlyArray<readonly [number, number]> = [
  [0x8a, 0x008a], [0x8e, 0x008e], [0x9a, 0x009a], [0x9e, 0x009e], // Š Ž š ž of 1252 are undefined in 1258
  [0xc3, 0x0102], [0xcc, 0x0300], [0xd0, 0x0110], [0xd2, 0x0309], [0xd5, 0x01a0], [0xdd, 0x01af], [0xde, 0x0303],
  [0xe3, 0x0103], [0xec, 0x0301], [0xf0, 0x0111], [0xf2, 0x0323], [0xf5, 0x01a1], [0xfd, 0x01b0], [0xfe, 0x20ab],
];
const CP1258_TONE_BYTES = [0, 0xcc, 0xec, 0xd2, 0xde, 0xf2] as const; // -, grave, acute, hook, tilde, dot

function buildCp1258(): Codec {
  const c = new CodecBuilder('windows-1258');
  for (const [byte, ch] of CP1258_CHANGES) c.setSingle(byte, ch);
  for (const byte of CP1258_TONE_BYTES) if (byte !== 0) c.combining[byte] = 1;
  for (let b = 0; b < 256; b++) c.writeAs(c.single[b]!, b);
  const byteOf = new Map<number, number>();
  for (let b = 0; b < 256; b++) byteOf.set(c.single[b]!, b);
  for (const vowel of VOWELS) {
    for (const ch of [vowel, upper(vowel)]) {
      const base = byteOf.get(code(ch))!;
      for (const tone of TONED) {
        const toned = letter(ch, tone);
        c.setPair(base, CP1258_TONE_BYTES[tone], toned);
        // Precomposed where the code page has the letter (à = 0xE0), base + tone byte otherwise (ì = i + 0xCC).
        const direct = byteOf.get(code(toned));
        if (direct === undefined) c.writeAs(toned, base, CP1258_TONE_BYTES[tone]);
        else c.writeAs(toned, direct);
      }
    }
  }
  return c.build();
}

const CODECS: Record<LegacyEncoding, Codec> = { tcvn3: buildTcvn3(), vni: buildVni(), 'windows-1258': buildCp1258() };

// ---------------------------------------------------------------------------------------------------------------
// Decoding and encoding
// ---------------------------------------------------------------------------------------------------------------

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const UTF16LE = new TextDecoder('utf-16le');
const CHUNK = 0x4000;

/** UTF-16 code units → string: one native decode on little-endian machines, bounded fromCharCode chunks elsewhere. */
function unitsToString(units: Uint16Array): string {
  if (LITTLE_ENDIAN) return UTF16LE.decode(units);
  let s = '';
  for (let i = 0; i < units.length; i += CHUNK) s += String.fromCharCode(...units.subarray(i, i + CHUNK));
  return s;
}

/**
 * Legacy bytes → Unicode NFC. Never throws: bytes outside the Vietnamese table decode as Windows-1252.
 * TCVN3 toned capitals come out lower case ("Hµ NéI" → "Hà NộI"): the bytes do not say which they were.
 */
export function decodeLegacy(bytes: Uint8Array, encoding: LegacyEncoding): string {
  return decodeWith(bytes, CODECS[encoding], CODECS[encoding].single);
}

/** Decoding with a choice of single-byte table: `codec.single` for the text, `codec.detectSingle` for detection. */
function decodeWith(bytes: Uint8Array, codec: Codec, single: Uint16Array): string {
  const { baseRow, markColumn, columns, pairs, combining } = codec;
  const n = bytes.length;
  const out = new Uint16Array(n);
  let o = 0;
  let looseMarks = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    const row = baseRow[b]!;
    if (row >= 0 && i + 1 < n) {
      const column = markColumn[bytes[i + 1]!]!;
      if (column >= 0) {
        const composed = pairs[row * columns + column]!;
        if (composed !== 0) {
          out[o++] = composed;
          i++;
          continue;
        }
      }
    }
    out[o++] = single[b]!;
    looseMarks |= combining[b]!;
  }
  const text = unitsToString(o === n ? out : out.subarray(0, o));
  // Only Windows-1258 text with a tone mark after a non-Vietnamese base ("ñ" as n + 0xDE) gets here.
  return looseMarks ? text.normalize('NFC') : text;
}

/**
 * Unicode → the bytes a legacy program would have written (the input is NFC-normalised first).
 * Approximated: in TCVN3, upper-case toned letters are written with their lower-case codes (see TCVN3 above).
 * Throws a RangeError for anything else the encoding cannot carry: letters of other languages in TCVN3 and VNI
 * (whose upper half is Vietnamese), and every character outside Windows-1252/1258 and Vietnamese.
 */
export function encodeLegacy(text: string, encoding: LegacyEncoding): Uint8Array {
  const table = CODECS[encoding].encode;
  const s = text.normalize('NFC');
  const out = new Uint8Array(s.length * 2);
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    const packed = unit < ENCODE_LIMIT ? table[unit]! : -1;
    if (packed < 0) {
      const ch = String.fromCodePoint(s.codePointAt(i)!);
      const hex = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      throw new RangeError(`${encoding} cannot represent "${ch}" (U+${hex}) at index ${i}`);
    }
    out[o++] = packed & 0xff;
    if (packed > 0xff) out[o++] = packed >>> 8;
  }
  return out.slice(0, o);
}

// ---------------------------------------------------------------------------------------------------------------
// How Vietnamese a text looks: the share of its non-ASCII words that are valid syllables
// ---------------------------------------------------------------------------------------------------------------

const LETTER_LIMIT = 0x1f00;
const UPPER_BIT = 1 << 20;
/**
 * Code unit → lower-case toneless base | tone << 16 | UPPER_BIT for capitals, or -1 for anything that is not a
 * Vietnamese or ASCII letter.
 */
const LETTER_INFO = (() => {
  const info = new Int32Array(LETTER_LIMIT).fill(-1);
  const set = (lower: string, value: number): void => {
    info[code(lower)] = value;
    info[code(upper(lower))] = value | UPPER_BIT;
  };
  for (let c = 0x61; c <= 0x7a; c++) set(String.fromCharCode(c), c);
  set('đ', 0x111);
  for (const vowel of VOWELS) for (let tone = NO_TONE; tone <= DOT_BELOW; tone++) set(letter(vowel, tone), code(vowel) | (tone << 16));
  return info;
})();

const NBSP = 0xa0;
const A_TILDE_UPPER = 0xc3; // "Ã": the lead byte of à, á, â, ã, è, é, ê, ì, í, ò, ó, ô, õ, ù, ú, ý in UTF-8

/**
 * Characters that end a word: ASCII non-letters, spaces, Unicode punctuation (Windows quotes and dashes), BOM.
 * TRICKY: not a no-break space after "Ã". "à" in UTF-8 is C3 A0, which Latin-1 shows as "Ã" + no-break space; taken
 * as a separator it would leave the valid word "Ã" ("ã") and hide the mojibake.
 */
function isSeparator(c: number, previous: number): boolean {
  if (c < 0x80) return LETTER_INFO[c] === -1;
  if (c === NBSP) return previous !== A_TILDE_UPPER;
  return (c >= 0x2000 && c <= 0x206f) || c === 0x3000 || c === 0xfeff;
}

/** A letter of any script as far as scoring needs: ASCII or Latin letters, Greek, Cyrillic, … up to U+1FFF. */
function isAnyLetter(c: number): boolean {
  if (c < 0x80) return LETTER_INFO[c]! >= 0;
  return c >= 0xc0 && c < 0x2000 && c !== 0xd7 && c !== 0xf7;
}

// Besides the Vietnamese initials, the clusters of Central Highlands place names in the official list ("Krông", "Plei").
const INITIALS = new Set([
  ...['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh', 'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x'],
  ...['bl', 'dr', 'đr', 'hr', 'kl', 'kr', 'pl', 'pr'],
]);
// 'k' is not a Vietnamese final, but the same names write it, with or without a tone ("Đắk Lắk", "Đăk Long").
const FINALS = ['c', 'ch', 'k', 'm', 'n', 'ng', 'nh', 'p', 't'];
const STOP_FINALS = new Set(['c', 'ch', 'p', 't']);

/**
 * Vowel nuclei: [spelling, may end the syllable, may take a final consonant, tone positions when open, when closed].
 * Positions are indices into the nucleus; both the old ("hóa", "thủy") and the new ("hoá", "thuỷ") placement pass.
 */
const NUCLEI: ReadonlyArray<readonly [string, boolean, boolean, readonly number[], readonly number[]]> = [
  ...['a', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư'].map((v) => [v, true, true, [0], [0]] as const),
  ['y', true, true, [0], [0]], // closed only after "qu": "quýt", "quỳnh"
  ['ă', false, true, [], [0]],
  ['â', false, true, [], [0]],
  ...['ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iu', 'oi', 'ôi', 'ơi', 'ua', 'ui', 'ưa', 'ưi', 'ưu'].map((v) => [v, true, false, [0], []] as const),
  ...['oa', 'oe', 'uy'].map((v) => [v, true, true, [0, 1], [1]] as const),
  ['uê', true, true, [1], [1]],
  ['uơ', true, false, [1], []],
  ...['iê', 'yê', 'uô', 'ươ', 'oă', 'uâ', 'oo'].map((v) => [v, false, true, [], [1]] as const),
  ...['iêu', 'yêu', 'oai', 'oay', 'oao', 'oeo', 'uây', 'uôi', 'ươi', 'ươu', 'uya', 'uyu'].map((v) => [v, true, false, [1], []] as const),
  ['uyê', false, true, [], [2]],
];

interface Rhyme {
  /** Bit i set: the tone may sit on letter i of the rhyme. */
  readonly tonePositions: number;
  /** Ends in p, t, c, ch: only the sắc and nặng tones are possible. */
  readonly stop: boolean;
}

const RHYMES = (() => {
  const rhymes = new Map<string, Rhyme>();
  const mask = (positions: readonly number[]): number => positions.reduce((m, p) => m | (1 << p), 0);
  for (const [nucleus, open, closed, openTones, closedTones] of NUCLEI) {
    if (open) rhymes.set(nucleus, { tonePositions: mask(openTones), stop: false });
    if (closed) for (const f of FINALS) rhymes.set(nucleus + f, { tonePositions: mask(closedTones), stop: STOP_FINALS.has(f) });
  }
  return rhymes;
})();

/** A toneless lower-case syllable, its tone and the index of the toned letter: initial + nucleus + final? */
function isSyllable(toneless: string, tone: number, tonedAt: number): boolean {
  for (let split = Math.min(3, toneless.length); split >= 0; split--) {
    if (!INITIALS.has(toneless.slice(0, split))) continue;
    const rhyme = RHYMES.get(toneless.slice(split));
    if (!rhyme) continue;
    if (rhyme.stop && tone !== ACUTE && tone !== DOT_BELOW) continue;
    if (tone === NO_TONE || (tonedAt >= split && ((rhyme.tonePositions >> (tonedAt - split)) & 1) === 1)) return true;
  }
  return false;
}

interface VietnameseScore {
  /** Words with a non-ASCII character that are valid Vietnamese syllables. */
  readonly good: number;
  /** Words with a non-ASCII character that are not (stray symbols, impossible vowel runs, two tones, …). */
  readonly bad: number;
}

const MAX_SYLLABLE = 7; // "nghiêng"

/** Symbols a Vietnamese file holds as words of their own (degrees, quotes, prices): no evidence against a reading. */
const PLAIN_SYMBOLS = new Set(Array.from('°©®«»±×÷·½¼¾²³€™₫', code));

/**
 * Reads a text word by word for the scorers (scoreVietnamese, scoreReading), so that both split words and judge their
 * letters the same way. A word is a run of characters between separators (isSeparator); only words with a non-ASCII
 * character are returned, because ASCII words read the same in every encoding and say nothing about one.
 * `next()` moves to the next such word and overwrites the fields below: one reader per text, no allocation per
 * character, and a string only for a word that may be a syllable (these scorers read 64 KiB detection samples three
 * times over, and every text mojibake repair sees).
 * With `judgeCase`, a word whose case flips inside ("vÃ", "NGà", "ThƠ", "TÊn") is not valid.
 */
class WordReader {
  /** Characters in the word. */
  length = 0;
  /** A letter of any script (isAnyLetter) is in it; a word of symbols only (emoji, "°") says nothing of the language. */
  hasLetter = false;
  /** Each character that is neither ASCII nor a letter is one of PLAIN_SYMBOLS. */
  plainSymbols = true;
  /** Only Vietnamese and ASCII letters, at most one tone mark, and (with `judgeCase`) no change of case inside. */
  valid = true;
  /** The tone of a valid word, and the index of its toned letter (-1 without a tone). */
  tone = NO_TONE;
  tonedAt = -1;
  /** Lower-case toneless letters of a valid word of up to MAX_SYLLABLE characters: what isSyllable reads. */
  private readonly bases = new Uint16Array(MAX_SYLLABLE);
  private at = 0;
  private previous = 0x20;

  constructor(
    private readonly text: string,
    private readonly judgeCase: boolean,
  ) {}

  /** Moves to the next word with a non-ASCII character; false at the end of the text. */
  next(): boolean {
    const { text, judgeCase, bases } = this;
    const n = text.length;
    let previous = this.previous;
    let length = 0;
    let nonAscii = false;
    let hasLetter = false;
    let plainSymbols = true;
    let valid = true;
    let tone = NO_TONE;
    let tonedAt = -1;
    let uppers = 0;
    let lowers = 0;
    // i === n is a space after the text, which ends its last word.
    for (let i = this.at; i <= n; i++) {
      const c = i < n ? text.charCodeAt(i) : 0x20;
      if (isSeparator(c, previous)) {
        previous = c;
        if (nonAscii) {
          this.at = i + 1;
          this.previous = previous;
          this.length = length;
          this.hasLetter = hasLetter;
          this.plainSymbols = plainSymbols;
          this.valid = valid;
          this.tone = tone;
          this.tonedAt = tonedAt;
          return true;
        }
        length = 0;
        hasLetter = false;
        plainSymbols = valid = true;
        tone = NO_TONE;
        tonedAt = -1;
        uppers = lowers = 0;
        continue;
      }
      previous = c;
      length++;
      if (c < 0x80) hasLetter = true; // inside a word, an ASCII character is a letter (isSeparator)
      else {
        nonAscii = true;
        if (isAnyLetter(c)) hasLetter = true;
        else if (!PLAIN_SYMBOLS.has(c)) plainSymbols = false;
      }
      if (!valid) continue;
      const info = c < LETTER_LIMIT ? LETTER_INFO[c]! : -1;
      if (info < 0) {
        valid = false;
        continue;
      }
      if (judgeCase) {
        if (info & UPPER_BIT) {
          if (lowers > 0) valid = false; // "vÃ", "ThƠ"
          uppers++;
        } else {
          if (uppers > 1) valid = false; // "NGà", "TÊn"
          lowers++;
        }
      }
      const t = (info >>> 16) & 7;
      if (t !== NO_TONE) {
        if (tone !== NO_TONE) valid = false; // two tone marks
        tone = t;
        tonedAt = length - 1; // while the word is valid, every character so far is a letter
      }
      if (length <= MAX_SYLLABLE) bases[length - 1] = info & 0xffff;
    }
    this.at = n + 1;
    return false;
  }

  /** The word as a toneless lower-case syllable ("Việt" → "viêt") if it is a valid Vietnamese syllable, else null. */
  syllable(): string | null {
    if (!this.valid || this.length > MAX_SYLLABLE) return null;
    let toneless = '';
    for (let k = 0; k < this.length; k++) toneless += String.fromCharCode(this.bases[k]!);
    return isSyllable(toneless, this.tone, this.tonedAt) ? toneless : null;
  }
}

/**
 * Scores the words that have a non-ASCII character and at least one letter: ASCII words read the same in every
 * encoding, and words of symbols only (emoji) say nothing about the language. With `strictCase`, a word whose case
 * flips inside ("vÃ", "NGà") is bad too; detection cannot use that, because TCVN3 decodes "NỘI" as "NộI".
 */
function scoreVietnamese(text: string, strictCase: boolean): VietnameseScore {
  let good = 0;
  let bad = 0;
  const words = new WordReader(text, strictCase);
  while (words.next()) {
    if (!words.hasLetter) continue;
    if (words.syllable() !== null) good++;
    else bad++;
  }
  return { good, bad };
}

function ratio({ good, bad }: VietnameseScore): number {
  return good + bad === 0 ? 0 : good / (good + bad);
}

// ---------------------------------------------------------------------------------------------------------------
// How likely a reading of legacy bytes is: valid syllables weighed by how common they are
// ---------------------------------------------------------------------------------------------------------------

/**
 * The share of valid syllables cannot choose between readings of a short file: the one accented word of "Le Van Tâm"
 * is valid in Windows-1258 ("Tâm") and in TCVN3 ("Tõm"), and a tie went to TCVN3. So each reading is scored as the
 * log-likelihood of its words (log2): a valid syllable by how often it occurs (vietnamese-syllables.ts), one never seen
 * as 0, an impossible word or stray symbol far below. "Tâm" (seen hundreds of times) then beats "Tõm" (never seen).
 */
const IMPOSSIBLE_COST = 14;
/** A lone letter that is no syllable ("Đ", "Â", "đ" for đồng): an initial or an abbreviation, as if seen 8 times. */
const INITIAL_WEIGHT = 4;
/** The lexicon's key: the toneless lower-case syllable and its tone, so "hòa" and "hoà" (both placements used) are one. */
function syllableKey(toneless: string, tone: number): string {
  return toneless + String(tone);
}

let lexicon: Map<string, number> | null = null;

/** Syllable key → 1 + log2 of how often it occurs (at least 1), built on first use from vietnamese-syllables.ts. */
function syllableLexicon(): Map<string, number> {
  if (lexicon) return lexicon;
  const weights = new Map<string, number>();
  const add = (words: string, band: number): void => {
    for (const word of words.split(' ')) {
      if (word === '') continue;
      let toneless = '';
      let tone = NO_TONE;
      for (let i = 0; i < word.length; i++) {
        const info = LETTER_INFO[word.charCodeAt(i)]!;
        toneless += String.fromCharCode(info & 0xffff);
        tone = Math.max(tone, (info >>> 16) & 7);
      }
      const key = syllableKey(toneless, tone);
      weights.set(key, Math.max(weights.get(key) ?? 0, band + 1));
    }
  };
  SYLLABLE_BANDS.forEach(add);
  add(NAME_SYLLABLES, NAME_BAND);
  lexicon = weights;
  return weights;
}

interface ReadingScore extends VietnameseScore {
  /** log2 of how likely the words with a non-ASCII character are (only differences between readings matter). */
  readonly likelihood: number;
}

/**
 * Scores one reading of legacy bytes for detection: the words with a non-ASCII character, as scoreVietnamese, plus
 * words of symbols only (a stray "¢" is TCVN3's "Â" read as Windows-1258) and FALLBACK_LETTER (always impossible).
 * With `judgeCase`, a word whose case flips inside ("ThƠ", "TÊn") is impossible too: right for VNI and Windows-1258,
 * which have every capital, and the best evidence against them for TCVN3 text, whose toned letters read there as
 * capitals ("Thế" is "Th" + 0xD5, Windows-1258 "Ơ"). Not for the TCVN3 reading itself, which decodes "NỘI" as "NộI".
 */
function scoreReading(text: string, judgeCase: boolean): ReadingScore {
  const weights = syllableLexicon();
  let good = 0;
  let bad = 0;
  let likelihood = 0;
  const words = new WordReader(text, judgeCase);
  while (words.next()) {
    const syllable = words.hasLetter ? words.syllable() : null;
    if (syllable !== null) {
      good++;
      likelihood += weights.get(syllableKey(syllable, words.tone)) ?? 0;
    } else if (words.hasLetter && words.valid && words.length === 1 && words.tone === NO_TONE) {
      good++;
      likelihood += INITIAL_WEIGHT; // "Đ", "Â", "Ă"
    } else if (words.hasLetter || !words.plainSymbols) {
      bad++;
      likelihood -= IMPOSSIBLE_COST;
    }
  }
  return { good, bad, likelihood };
}

// ---------------------------------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------------------------------

interface Utf8Check {
  readonly valid: boolean;
  /** Number of multi-byte sequences: the evidence that the bytes are UTF-8 and not ASCII. */
  readonly multibyte: number;
}

/** Strict UTF-8 (no overlong forms, surrogates or code points past U+10FFFF); a sequence cut by the sample end passes. */
function checkUtf8(bytes: Uint8Array, allowTruncatedEnd: boolean): Utf8Check {
  let multibyte = 0;
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return { valid: false, multibyte };
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return { valid: allowTruncatedEnd, multibyte };
      const cont = bytes[i + k]!;
      if (k === 1 ? cont < lo || cont > hi : cont < 0x80 || cont > 0xbf) return { valid: false, multibyte };
    }
    multibyte++;
    i += need + 1;
  }
  return { valid: true, multibyte };
}

/** UTF-16 without a BOM: text whose characters are mostly below U+0100 has a NUL in every other byte. */
const UTF16_MIN_NUL_SHARE = 0.2;
const UTF16_MAX_OTHER_NUL_SHARE = 0.05;

function detectUtf16(sample: Uint8Array): { encoding: 'utf-16le' | 'utf-16be'; confidence: number } | null {
  const pairs = sample.length >> 1;
  if (pairs < 2 || !sample.includes(0)) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  const [high, low] = oddNul >= evenNul ? [oddNul, evenNul] : [evenNul, oddNul];
  if (high / pairs < UTF16_MIN_NUL_SHARE || low / pairs > UTF16_MAX_OTHER_NUL_SHARE) return null;
  const confidence = Math.min(1, 0.5 + (high - low) / pairs);
  return { encoding: oddNul >= evenNul ? 'utf-16le' : 'utf-16be', confidence };
}

/** Below this share of valid syllables a UTF-8 sample is still UTF-8, but not proven Vietnamese. */
const UTF8_VIETNAMESE_RATIO = 0.5;
const UTF8_VIETNAMESE_CONFIDENCE = 0.99;
/** Valid UTF-8 without Vietnamese words: each multi-byte sequence makes an accident less likely. */
const UTF8_OTHER_CONFIDENCE = { base: 0.6, perSequence: 0.1, max: 0.95 };
/**
 * When two legacy readings are equally likely (the bytes mean valid, equally common words in both), the first here
 * wins, with a confidence that says so. Windows-1258 first: it is what Windows programs set to Vietnamese (Excel's
 * plain "CSV") and iconv write today, and the fallback when nothing reads as Vietnamese; TCVN3 and VNI come from
 * documents typed in the old fonts, TCVN3 (the government standard) more often. TIE_BREAK is a log2 prior so small
 * that it only ever decides ties.
 */
const DETECTION_ORDER: readonly LegacyEncoding[] = ['windows-1258', 'tcvn3', 'vni'];
const TIE_BREAK = 0.001;

/**
 * Which encoding a file is in, from its first bytes (64 KiB is plenty). In order: a BOM; UTF-16 by its NUL bytes;
 * pure ASCII (utf-8, confidence 1); valid UTF-8; otherwise the legacy encoding whose reading is the most likely
 * Vietnamese (scoreReading: common syllables up, impossible words and letters only a wrong table gives far down),
 * ties broken by DETECTION_ORDER. Confidence is in [0, 1]: for a legacy guess, the posterior of the best reading
 * against the others, times its share of valid words, times n / (n + 1) for its n valid words, so one word alone
 * never makes it more than 0.5, and a tie gives at most a half of that.
 */
export function detectEncoding(sample: Uint8Array): { encoding: DetectedEncoding; confidence: number } {
  const b0 = sample[0];
  const b1 = sample[1];
  if (b0 === 0xef && b1 === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8-bom', confidence: 1 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', confidence: 1 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', confidence: 1 };

  const utf16 = detectUtf16(sample);
  if (utf16) return utf16;

  const utf8 = checkUtf8(sample, true);
  if (utf8.valid && utf8.multibyte === 0) return { encoding: 'utf-8', confidence: 1 };
  if (utf8.valid) {
    // Legacy bytes almost never line up as valid multi-byte UTF-8; Vietnamese words make it certain.
    const vietnamese = ratio(scoreVietnamese(new TextDecoder('utf-8').decode(sample), false)) >= UTF8_VIETNAMESE_RATIO;
    const { base, perSequence, max } = UTF8_OTHER_CONFIDENCE;
    return { encoding: 'utf-8', confidence: vietnamese ? UTF8_VIETNAMESE_CONFIDENCE : Math.min(max, base + perSequence * utf8.multibyte) };
  }

  const readings = DETECTION_ORDER.map((encoding, rank) => {
    const codec = CODECS[encoding];
    const score = scoreReading(decodeWith(sample, codec, codec.detectSingle), encoding !== 'tcvn3');
    return { encoding, score, total: score.likelihood - rank * TIE_BREAK };
  });
  const best = readings.reduce((a, b) => (b.total > a.total ? b : a));
  if (best.score.good === 0) return { encoding: 'windows-1258', confidence: 0 }; // nothing Vietnamese in any reading
  const posterior = 1 / readings.reduce((sum, r) => sum + 2 ** (r.total - best.total), 0);
  const evidence = best.score.good / (best.score.good + 1);
  return { encoding: best.encoding, confidence: posterior * ratio(best.score) * evidence };
}

// ---------------------------------------------------------------------------------------------------------------
// Mojibake repair
// ---------------------------------------------------------------------------------------------------------------

/** Code unit → the Windows-1252 byte a wrong decoder read it from (Latin-1 readings of 0x80–0x9F included), or -1. */
const CP1252_BYTE = (() => {
  const byteOf = new Int16Array(0x2200).fill(-1);
  for (let b = 0; b < 256; b++) byteOf[b] = b;
  for (let b = 0x80; b < 0xa0; b++) byteOf[cp1252(b)] = b;
  return byteOf;
})();

/** The bytes a Windows-1252 / Latin-1 decoder read `text` from, or null if it has a character neither produces. */
function cp1252Bytes(text: string): Uint8Array | null {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const b = c < CP1252_BYTE.length ? CP1252_BYTE[c]! : -1;
    if (b < 0) return null;
    bytes[i] = b;
  }
  return bytes;
}

/** Bytes an ASCII word is made of: letters only, so a word ends at spaces, digits and punctuation. */
function isAsciiLetter(b: number): boolean {
  return b < 0x80 && LETTER_INFO[b]! >= 0;
}

/** True when the bytes end inside a UTF-8 sequence that still needs a continuation byte. */
function endsInsideSequence(bytes: readonly number[]): boolean {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back]!;
    if (b >= 0x80 && b < 0xc0) continue;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 ? 2 : 1;
    return length > back;
  }
  return false;
}

const ATTACHING_PUNCTUATION = new Set(Array.from('.,;:!?)]}', (c) => c.charCodeAt(0)));

/**
 * TRICKY: "à" in UTF-8 is C3 A0, and A0 is a no-break space, which clean-up code often turns into a plain space.
 * Collapsing runs of spaces then makes "vÃ\u00a0o" (vào) "vÃ o" and "HÃ\u00a0 Ná»™i" (Hà Nội) "HÃ Ná»™i": the space stands
 * for A0 in the first and for A0 plus a space in the second. Where a space sits inside a UTF-8 sequence, it is A0 alone
 * if it makes one valid word with the letters after it, and A0 plus a space otherwise. Rarely wrong: "là y" → "lày".
 * A sequence cut off at the very end (trimmed "nhÃ\u00a0") gets its A0 back.
 */
function restoreCollapsedNbsp(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0x20 || !endsInsideSequence(out)) {
      out.push(b);
      continue;
    }
    out.push(0xa0);
    let end = i + 1;
    while (end < bytes.length && (bytes[end]! >= 0x80 || isAsciiLetter(bytes[end]!))) end++;
    if (end === i + 1) {
      // No letters follow: punctuation and the end of the text attach to the word ("nhà."); a digit had a space
      // before it ("nhà 2"). Quotes stay ambiguous ("mà'" closes one, "là 'phường" opens one) and keep the space.
      if (i + 1 < bytes.length && !ATTACHING_PUNCTUATION.has(bytes[i + 1]!)) out.push(0x20);
      continue;
    }
    let start = out.length - 1;
    while (start > 0 && (out[start - 1]! >= 0x80 || isAsciiLetter(out[start - 1]!))) start--;
    const joined = decoder.decode(new Uint8Array([...out.slice(start), ...bytes.subarray(i + 1, end)]));
    const { good, bad } = scoreVietnamese(joined, true);
    if (good !== 1 || bad !== 0) out.push(0x20);
  }
  if (endsInsideSequence(out)) out.push(0xa0); // the no-break space was trimmed off the end: "nhÃ"
  return new Uint8Array(out);
}

/** UTF-8 read from bytes that went through Windows-1252 / Latin-1 (see restoreCollapsedNbsp), or null. */
function utf8FromMisread(bytes: Uint8Array): string | null {
  let check = checkUtf8(bytes, false);
  if (!check.valid) {
    bytes = restoreCollapsedNbsp(bytes);
    check = checkUtf8(bytes, false);
    if (!check.valid) return null;
  }
  if (check.multibyte === 0) return null;
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).normalize('NFC');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A repair must be mostly valid Vietnamese and clearly more so than the input. */
const REPAIR_MIN_RATIO = 0.6;
const REPAIR_MIN_GAIN = 0.25;

type Repair = LegacyEncoding | 'utf-8-as-latin1';

interface Candidate {
  readonly repaired: Repair;
  readonly text: string;
  readonly score: VietnameseScore;
}

/**
 * Clearly better: at least as many valid words, and either a share of valid words that is high and well above the
 * input's, or (UTF-8 only, whose valid multi-byte sequences are evidence of their own) every bad word gone, as when
 * the only non-ASCII text was an emoji ("ðŸ˜‚" → "😂").
 */
function isClearlyBetter(candidate: Candidate, before: VietnameseScore): boolean {
  const after = candidate.score;
  // An input without a word to judge ("×", "½") gives no evidence that it is broken.
  if (before.good + before.bad === 0 || after.good < before.good) return false;
  if (ratio(after) >= REPAIR_MIN_RATIO && ratio(after) - ratio(before) >= REPAIR_MIN_GAIN) return true;
  return candidate.repaired === 'utf-8-as-latin1' && after.bad === 0 && before.bad > 0;
}

/**
 * Repairs text whose bytes were decoded with the wrong table: TCVN3 / VNI / Windows-1258 read as Windows-1252 ("Hµ
 * Néi" → "Hà Nội", "Vieät Nam" → "Việt Nam") and UTF-8 read as Latin-1 or Windows-1252 ("HÃ  Ná»™i" → "Hà Nội").
 * Steps: map the text back to the bytes a Windows-1252 decoder read; decode them as UTF-8 and as each legacy encoding;
 * score every reading; keep the best only if it is clearly better than the input. Text with any character such a
 * decoder cannot produce ("ộ", "ư", "đ") is correct Unicode already and is never touched; neither is ASCII.
 * A word alone can be ambiguous ("Tõ" is both a valid word and TCVN3 for "Từ"); such inputs are left as they are.
 */
export function repairMojibake(text: string): { text: string; repaired: Repair | null } {
  const unchanged = { text, repaired: null };
  const bytes = cp1252Bytes(text);
  if (!bytes || !bytes.some((b) => b >= 0x80)) return unchanged;

  const readings: Array<{ repaired: Repair; text: string }> = [];
  const utf8 = utf8FromMisread(bytes);
  if (utf8 !== null) readings.push({ repaired: 'utf-8-as-latin1', text: utf8 });
  for (const encoding of LEGACY_ENCODINGS) readings.push({ repaired: encoding, text: decodeLegacy(bytes, encoding) });

  // The input and the UTF-8 reading are judged on case too; legacy readings cannot be (TCVN3 has no toned capitals).
  const before = scoreVietnamese(text, true);
  let best: Candidate | null = null;
  for (const reading of readings) {
    if (reading.text === text) continue;
    const candidate = { ...reading, score: scoreVietnamese(reading.text, reading.repaired === 'utf-8-as-latin1') };
    if (isClearlyBetter(candidate, before) && (!best || ratio(candidate.score) > ratio(best.score))) best = candidate;
  }
  return best ? { text: best.text, repaired: best.repaired } : unchanged;
}
