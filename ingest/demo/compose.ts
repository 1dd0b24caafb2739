/**
 * Composing demo texts from the hand-written phrase banks, then roughing them up the way people really type:
 * no diacritics, teencode and abbreviations, typos, lower case. Deterministic for a given Random.
 */
import type { Sentiment, Topic } from '../../analytics/nlp/taxonomy.js';
import { foldDiacritics } from '../../analytics/nlp/text.js';
import { BANKS, common } from './phrases/index.js';
import type { Random } from '../../analytics/random.js';

export interface Place {
  /** "xã Tân Lập", with the type in lower case. */
  xa: string;
  /** "thôn Đông", "tổ dân phố 5". */
  thon: string;
  /** "tỉnh Nghệ An", "thành phố Hà Nội". */
  tinh: string;
}

/** How roughly a text is written: shares of texts typed without diacritics, with teencode, with typos. */
export interface Roughness {
  noDiacritics: number;
  teencode: number;
  typos: number;
  lowerCase: number;
}

export const PETITION_ROUGHNESS: Roughness = { noDiacritics: 0.1, teencode: 0.06, typos: 0.05, lowerCase: 0.05 };
export const POST_ROUGHNESS: Roughness = { noDiacritics: 0.25, teencode: 0.22, typos: 0.1, lowerCase: 0.3 };

export function fillSlots(phrase: string, place: Place, random: Random): string {
  return phrase.replace(/\{(xa|thon|tinh|so)\}/g, (_, slot: string) => (slot === 'so' ? String(random.int(2, 60)) : place[slot as keyof Place]));
}

/** A whole word or phrase, case-insensitive: `\b` knows no Vietnamese letters, so look at letters on both sides. */
function word(phrase: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{M}])${phrase}(?![\\p{L}\\p{M}])`, 'giu');
}

/** Teencode and abbreviations, on diacritic text or folded text alike (longest first). */
const SHORTHANDS: [RegExp, string[]][] = [
  [word('Ủy ban nhân dân'), ['UBND']],
  [word('Mặt trận Tổ quốc'), ['MTTQ']],
  [word('mọi người'), ['mn', 'mng']],
  [word('không'), ['ko', 'k', 'hok', 'kg']],
  [word('được'), ['đc', 'dc', 'đươc']],
  [word('gì'), ['j']],
  [word('người'), ['ng']],
  [word('với'), ['vs', 'voi']],
  [word('rồi'), ['r', 'rùi']],
  [word('quá'), ['wá', 'wa', 'qá']],
  [word('nhiều'), ['nhìu', 'nhiu']],
  [word('biết'), ['bít', 'bik']],
  [word('thôi'), ['thui']],
  [word('vậy'), ['v', 'vầy']],
  [word('anh em'), ['ae']],
  [word('trước'), ['trc']],
  [word('chính quyền'), ['cq']],
];

function applyShorthands(text: string, random: Random): string {
  let out = text;
  for (const [pattern, replacements] of SHORTHANDS) {
    out = out.replace(pattern, (m) => (random.chance(0.7) ? random.pick(replacements) : m));
  }
  return out;
}

/** One slip of the fingers in a word: two letters swapped, a letter dropped or doubled. */
function typo(text: string, random: Random): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 4);
  if (candidates.length === 0) return text;
  const [word, index] = random.pick(candidates);
  const chars = [...word];
  const at = random.int(1, chars.length - 2);
  const kind = random.int(0, 2);
  if (kind === 0) [chars[at], chars[at + 1]] = [chars[at + 1] as string, chars[at] as string];
  else if (kind === 1) chars.splice(at, 1);
  else chars.splice(at, 0, chars[at] as string);
  words[index] = chars.join('');
  return words.join(' ');
}

export function roughen(text: string, roughness: Roughness, random: Random): string {
  let out = text;
  if (random.chance(roughness.teencode)) out = applyShorthands(out, random);
  if (random.chance(roughness.noDiacritics)) out = foldDiacritics(out);
  if (random.chance(roughness.typos)) out = typo(out, random);
  if (random.chance(roughness.typos / 2)) out = typo(out, random);
  if (random.chance(roughness.lowerCase)) out = out.toLowerCase();
  return out;
}

export function petitionText(random: Random, topic: Topic, sentiment: Sentiment, place: Place, body?: readonly string[]): { title: string; text: string } {
  const bank = BANKS[topic];
  const parts: string[] = [];
  if (random.chance(0.55)) parts.push(random.pick(common.petitionOpenings));
  if (random.chance(0.6)) parts.push(random.pick(common.petitionIntros));
  const phrases = body ?? bank.petitions[sentiment];
  parts.push(random.pick(phrases));
  if (random.chance(0.3)) {
    const second = random.pick(phrases);
    if (!parts.includes(second)) parts.push(second);
  }
  if (sentiment !== 'positive' && random.chance(0.7)) parts.push(random.pick(common.petitionRequests));
  if (random.chance(0.5)) parts.push(random.pick(common.petitionClosings));
  const text = roughen(fillSlots(parts.join(' '), place, random), PETITION_ROUGHNESS, random);
  return { title: fillSlots(random.pick(bank.titles), place, random), text };
}

export function postText(random: Random, topic: Topic, sentiment: Sentiment, place: Place, body?: readonly string[]): string {
  const parts: string[] = [];
  if (random.chance(0.35)) parts.push(random.pick(common.postOpeners[sentiment]));
  parts.push(random.pick(body ?? BANKS[topic].posts[sentiment]));
  if (random.chance(0.3)) parts.push(random.pick(common.postTails[sentiment]));
  return roughen(fillSlots(parts.join(' '), place, random), POST_ROUGHNESS, random);
}
