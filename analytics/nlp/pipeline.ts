/**
 * The Vietnamese text pipeline: an explicit, ordered list of named steps from raw text to tokens, each token in two
 * forms (as written, and without diacritics) so that texts typed with and without diacritics meet in the same features.
 * Every model, place finder and keyword counter reads text through here.
 */
import { canonicalToneMarks, foldLetters } from './text.js';
import { repairMojibake } from './legacy-encodings.js';
import { SHORTHANDS } from './teencode.js';
import { tokenIds } from './features.js';

export interface Processed {
  /** Lower-case NFC tokens with canonical tone marks, shorthands expanded ("ko" → "không"). */
  tokens: string[];
  /** The same tokens without diacritics ("khong"). */
  folded: string[];
  /** Signals outside the words: "?" (question), "!" (exclamation), smileys and sad faces. */
  signals: string[];
  /** Each token's feature hashes, folded and as written (features.ts), kept from the syllable cache. */
  ids?: { folded: number[]; accented: number[] };
}

interface Work extends Processed {
  text: string;
  syllables: Syllable[];
}

interface Syllable {
  canonical: string;
  folded: string;
  foldedId: number;
  accentedId: number;
  /** For a shorthand ("ko", "UBND"): the syllables it stands for. */
  expansion?: Syllable[];
}

export interface Step {
  name: string;
  run(work: Work): void;
}

/** The shorthands as a Map of their words: looked up for every token, a Map is several times faster than an object. */
const SHORTHAND_MAP = new Map(Object.entries(SHORTHANDS).map(([short, long]) => [short, long.split(' ')]));

/** Which UTF-16 code units belong to a word: letters (with their marks) and digits, in any script. */
const WORD_CHAR = (() => {
  const table = new Uint8Array(0x10000);
  const word = /[\p{L}\p{M}\p{N}]/u;
  for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) table[c] = word.test(String.fromCharCode(c)) ? 1 : 0;
  return table;
})();

/**
 * Syllables: the runs of letters and digits. Vietnamese separates syllables with spaces, so this is the whole of
 * syllable tokenisation; natural's tokenizers (English, or a Vietnamese one that drops upper case and combining marks)
 * do less and, measured on 30-word texts, take three times as long (3.2 µs against 1 µs).
 */
export function syllablesOf(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const inWord = i < text.length && WORD_CHAR[text.charCodeAt(i)] === 1;
    if (inWord && start < 0) start = i;
    else if (!inWord && start >= 0) {
      out.push(text.slice(start, i));
      start = -1;
    }
  }
  return out;
}

/**
 * Each syllable seen, with its canonical tone marks and its folded form. Vietnamese has some seven thousand
 * syllables, so the cache stays small; it is emptied if odd input (codes, links) ever fills it.
 */
const syllables = new Map<string, Syllable>();
const MAX_CACHED_SYLLABLES = 200_000;

/** What the cache knows of a token: its forms and ids, and, for a shorthand, what it stands for. One look-up a token. */
function syllable(token: string): Syllable {
  let known = syllables.get(token);
  if (known === undefined) {
    const canonical = canonicalToneMarks(token);
    const folded = foldLetters(canonical);
    const ids = tokenIds(canonical, folded);
    known = { canonical, folded, foldedId: ids.folded, accentedId: ids.accented };
    const long = SHORTHAND_MAP.get(token);
    if (long) known.expansion = long.map(syllable);
    if (syllables.size >= MAX_CACHED_SYLLABLES) syllables.clear();
    syllables.set(token, known);
  }
  return known;
}

// Characters of Windows-1252 that are not Vietnamese letters: they appear when legacy (TCVN3, VNI) or UTF-8 bytes were
// decoded as Windows-1252 ("Hµ Néi", "Ná»™i"). Only text that holds one goes through the repair, which then decides.
// Curly quotes and the ellipsis are left out: Vietnamese text uses them on its own.
const MOJIBAKE_CHARS = new Set(
  [...'\u0152\u0153\u0178\u02c6\u02dc\u2020\u2021\u2022\u2030\u2039\u203a\u20ac\u2122'].map((c) => c.charCodeAt(0)),
);
// Latin-1 characters a correct Vietnamese text holds: its letters, the no-break space and the degree sign.
const VIETNAMESE_LATIN1 = new Set([...'ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý\u00a0°'].map((c) => c.charCodeAt(0)));

/** Whether the text holds a character that only mojibake would put there (a scan, cheaper than a regex). */
function looksMisdecoded(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c <= 0xff) {
      if (!VIETNAMESE_LATIN1.has(c)) return true;
    } else if (MOJIBAKE_CHARS.has(c)) return true;
  }
  return false;
}
const SMILE = /(?::|=|;)-?(?:\)|d\b|p\b)+|\^_*\^|<3|[\u{1F600}-\u{1F60F}\u{1F617}-\u{1F61D}\u{1F60D}\u{1F44D}\u{2764}\u{1F970}\u{1F973}]/u;
const EMOTICON_HINT = /[:=;<^\uD800-\uDBFF\u2764]/;
const SAD = /(?::|=)-?(?:\(|\[)+|:'\(|[\u{1F612}-\u{1F616}\u{1F61E}-\u{1F62D}\u{1F620}\u{1F621}\u{1F44E}\u{1F494}]/u;

/** The steps, in order. Their names appear in logs and in README. */
export const STEPS: readonly Step[] = [
  { name: 'unicode-nfc', run: (w) => void (w.text = w.text.normalize('NFC')) },
  {
    name: 'legacy-repair',
    run: (w) => {
      if (looksMisdecoded(w.text)) w.text = repairMojibake(w.text).text;
    },
  },
  { name: 'lower-case', run: (w) => void (w.text = w.text.toLowerCase()) },
  {
    name: 'signals',
    run: (w) => {
      if (w.text.includes('?')) w.signals.push('<question>');
      if (w.text.includes('!')) w.signals.push('<exclaim>');
      if (EMOTICON_HINT.test(w.text)) {
        if (SMILE.test(w.text)) w.signals.push('<smile>');
        if (SAD.test(w.text)) w.signals.push('<sad>');
      }
    },
  },
  { name: 'tokens', run: (w) => void (w.syllables = syllablesOf(w.text).map(syllable)) },
  {
    name: 'shorthands',
    run: (w) => {
      let expanded: Syllable[] | undefined;
      for (let i = 0; i < w.syllables.length; i++) {
        const s = w.syllables[i] as Syllable;
        if (s.expansion) {
          expanded ??= w.syllables.slice(0, i);
          for (const e of s.expansion) expanded.push(e);
        } else if (expanded) {
          expanded.push(s);
        }
      }
      if (expanded) w.syllables = expanded;
    },
  },
  { name: 'tone-marks', run: (w) => void (w.tokens = w.syllables.map((s) => s.canonical)) },
  { name: 'diacritic-free', run: (w) => void (w.folded = w.syllables.map((s) => s.folded)) },
  {
    name: 'feature-ids',
    run: (w) => void (w.ids = { folded: w.syllables.map((s) => s.foldedId), accented: w.syllables.map((s) => s.accentedId) }),
  },
];

export function processText(text: string): Processed {
  const work: Work = { text, tokens: [], folded: [], signals: [], syllables: [] };
  for (const step of STEPS) step.run(work);
  return { tokens: work.tokens, folded: work.folded, signals: work.signals, ids: work.ids };
}
