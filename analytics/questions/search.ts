/**
 * Full-text search over the opinion posts and petitions of a unit's subtree and period, for analysts following a
 * trend down to the items behind it. Diacritics and case are optional in the query: "lu lut", "LŨ LỤT" and "lũ lụt"
 * find the same items. Each term must start a word; a phrase in quotes must be found whole. Each hit comes with an
 * excerpt around the first match and where the terms stand in it, for highlighting.
 * Petitions: those of the subtree's places, and those a unit of the subtree holds at the period's end or now wherever
 * their matter lies (as drill-through lists them). A petition's title and text are matched, excerpted and marked as the
 * user is shown them: whole for the users of the unit holding it now (in a role that handles petitions), else with every
 * digit masked, so that a masked phone or ID number can be neither found nor marked (the query decides,
 * sql/queries/search/matching_petitions.sql); never a contact.
 * Posts: never the author; their phones and ID numbers (nine digits or more) masked for everyone, and matched as masked
 * when a term holds a digit (fp_mask_long_numbers).
 */
import type { Store } from '../store/index.js';
import { contactReaderUnit, type Scope, type UnitFilter } from '../access/scope.js';
import { maskDigits, maskLongNumbers } from '../privacy/mask.js';
import { foldDiacritics, foldLetters } from '../nlp/text.js';
import { ACTIVE_MODEL_KEY } from '../nlp/labels.js';
import { itemLabels, matchingPetitions, matchingPosts, type ItemPlaces, type SearchParams } from '../queries/search.js';
import { addDays } from '../clock.js';
import { heldElsewhere } from './drill.js';

export const SEARCH_KINDS = ['posts', 'petitions'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const MAX_TERMS = 8;
export const MAX_HITS = 100;
/** Characters of text read back for an excerpt (the first match is found in them). */
const TEXT_CHARS = 4000;
const EXCERPT_CHARS = 280;

export interface SearchHit {
  kind: SearchKind;
  id: string;
  at: string;
  provinceCode: string;
  communeCode: string;
  topic: string;
  sentiment: string;
  /** A post's source and link; a petition's channel. */
  source: string;
  sourceName: string | null;
  url: string | null;
  title: string | null;
  excerpt: string;
  /** [start, end) of each match in the excerpt. */
  highlights: [number, number][];
}

export interface SearchAnswer {
  terms: string[];
  totals: Record<SearchKind, number>;
  hits: SearchHit[];
}

export class SearchQueryError extends Error {
  constructor(message: string) {
    super(message);
    // Answered as 400 bad_request (server/plugins/app/errors.ts).
    this.name = 'UserError';
  }
}

/** The terms of a query: phrases in quotes kept whole, the rest word by word; lower case, without diacritics. */
export function searchTerms(query: string): string[] {
  const clean = (s: string) =>
    foldDiacritics(s.normalize('NFC'))
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  const terms: string[] = [];
  const rest = query.replace(/"([^"]*)"/g, (_, phrase: string) => {
    terms.push(clean(phrase));
    return ' ';
  });
  terms.push(...clean(rest).split(' '));
  return [...new Set(terms.filter((t) => t.length >= 2))];
}

/**
 * A term's pattern over a folded text (RE2, which has no look-behind): the term at a word's start, the text's start
 * or after a character that is not a letter or a digit; a phrase's words apart by anything but letters and digits.
 */
export function termPattern(term: string): string {
  return `(^|[^a-z0-9])${term.replace(/ /g, '[^a-z0-9]+')}`;
}

/**
 * The pattern that finds a term in a text shown with its digits masked, run over the text as written (folded):
 * found here exactly when termPattern finds it in the masked text. A masked digit is neither a letter nor a digit, so
 * where one stands termPattern sees a word break; here any character but a letter is one. A term that holds a digit
 * is in no masked text: see maskedTermsMayMatch.
 * TRICKY: this lets the engine match what a user is shown without masking every text it reads
 * (sql/queries/search/matching_petitions.sql); search.test.ts checks the two agree.
 */
export function maskedTermPattern(term: string): string {
  return `(^|[^a-z])${term.replace(/ /g, '[^a-z]+')}`;
}

/** Whether the terms may all be found in a text shown with its digits masked: none of them holds a digit. */
export function maskedTermsMayMatch(terms: readonly string[]): boolean {
  return terms.every((t) => !/[0-9]/.test(t));
}

/** The text folded character by character (same length, same positions), lower case. */
function foldedKeepingPositions(text: string): string {
  return foldLetters(text).replace(/[Đđ]/g, 'd').toLowerCase();
}

/** An excerpt of the text as the user is shown it (masked already where it must be), and where the terms stand in it. */
function excerptOf(text: string, terms: string[]): { excerpt: string; highlights: [number, number][] } {
  const folded = foldedKeepingPositions(text);
  const patterns = terms.map((t) => new RegExp(`(?<![a-z0-9])${t.replace(/ /g, '[^a-z0-9]+')}`, 'g'));
  const first = Math.min(...patterns.map((p) => folded.search(p)).filter((i) => i >= 0), text.length);
  const start = Math.max(0, Math.min(first - 60, text.length - EXCERPT_CHARS));
  const end = Math.min(text.length, start + EXCERPT_CHARS);
  const excerpt = text.slice(start, end);
  const window = folded.slice(start, end);
  const highlights: [number, number][] = [];
  for (const p of patterns) for (const m of window.matchAll(p)) highlights.push([m.index as number, (m.index as number) + m[0].length]);
  highlights.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  // "lu" also starts "lụt": ranges inside or across another are joined into one.
  const joined: [number, number][] = [];
  for (const h of highlights) {
    const last = joined.at(-1);
    if (last && h[0] < last[1]) last[1] = Math.max(last[1], h[1]);
    else joined.push([h[0], h[1]]);
  }
  const prefix = start > 0 ? '…' : '';
  return {
    excerpt: `${prefix}${excerpt}${end < text.length ? '…' : ''}`,
    highlights: joined.map(([a, b]) => [a + prefix.length, b + prefix.length]),
  };
}

/** A petition's title and excerpt as its reader is shown them: whole, or with every digit masked. */
function shownPetition(unmasked: boolean, title: string, text: string, terms: string[]) {
  const shown = (value: string) => (unmasked ? value : maskDigits(value));
  return { title: shown(title), ...excerptOf(shown(`${title}. ${text}`), terms) };
}

export async function search(
  store: Store,
  ask: { filter: UnitFilter; from: string; to: string; query: string; kinds: readonly SearchKind[]; limit: number; scope: Scope },
): Promise<SearchAnswer> {
  const terms = searchTerms(ask.query);
  if (terms.length === 0) throw new SearchQueryError('the query has no word of two letters or more to look for');
  if (terms.length > MAX_TERMS) throw new SearchQueryError(`the query has ${terms.length} terms; at most ${MAX_TERMS}`);
  const params: SearchParams = {
    province_code: ask.filter.province_code,
    commune_code: ask.filter.commune_code,
    from_time: `${ask.from} 00:00:00`,
    to_time: `${addDays(ask.to, 1)} 00:00:00`,
    terms: terms.map(termPattern),
    text_chars: TEXT_CHARS,
    page_size: ask.limit,
  };
  // Posts carry no village; a village's search finds its petitions only.
  const wantPosts = ask.kinds.includes('posts') && ask.filter.village_code === '';
  const petitionsOfUnit = async () =>
    matchingPetitions(store, {
      ...params,
      ...(await heldElsewhere(store, ask.filter, { received_from: params.from_time, state_at: params.to_time })),
      village_code: ask.filter.village_code,
      reader_unit: contactReaderUnit(ask.scope),
      masked_terms: terms.map(maskedTermPattern),
      masked_match: maskedTermsMayMatch(terms) ? 1 : 0,
    });
  const [posts, petitions] = await Promise.all([
    wantPosts ? matchingPosts(store, { ...params, digit_terms: terms.some((t) => /\d/.test(t)) ? 1 : 0 }) : [],
    ask.kinds.includes('petitions') ? petitionsOfUnit() : [],
  ]);
  const places = (rows: { province_code: string; commune_code: string; id: string }[]): ItemPlaces => ({
    provinces: [...new Set(rows.map((r) => r.province_code))],
    communes: [...new Set(rows.map((r) => r.commune_code))],
    ids: rows.map((r) => r.id),
  });
  const [postLabels, petitionLabels] = await Promise.all([
    posts.length > 0 ? itemLabels(store, { ...places(posts), active_key: ACTIVE_MODEL_KEY, item_kind: 'post' }) : [],
    petitions.length > 0 ? itemLabels(store, { ...places(petitions), active_key: ACTIVE_MODEL_KEY, item_kind: 'petition' }) : [],
  ]);
  const label = new Map([...postLabels.map((l) => [`posts:${l.item_id}`, l] as const), ...petitionLabels.map((l) => [`petitions:${l.item_id}`, l] as const)]);
  const hits: SearchHit[] = [
    ...posts.map((p) => ({
      kind: 'posts' as const,
      id: p.id,
      at: p.at,
      provinceCode: p.province_code,
      communeCode: p.commune_code,
      topic: label.get(`posts:${p.id}`)?.topic ?? '',
      sentiment: label.get(`posts:${p.id}`)?.sentiment ?? '',
      source: p.source,
      sourceName: p.source_name,
      url: p.url || null,
      title: null,
      // Masked by the query already (phones, ID numbers); again here, as for petitions.
      ...excerptOf(maskLongNumbers(p.text), terms),
    })),
    ...petitions.map((p) => ({
      kind: 'petitions' as const,
      id: p.id,
      at: p.at,
      provinceCode: p.province_code,
      communeCode: p.commune_code,
      topic: label.get(`petitions:${p.id}`)?.topic ?? '',
      sentiment: label.get(`petitions:${p.id}`)?.sentiment ?? '',
      source: p.channel,
      sourceName: null,
      url: null,
      // The query masked them already; masked again here so that no later change to it can show a digit it should not.
      ...shownPetition(p.unmasked === 1, p.title, p.text, terms),
    })),
  ];
  hits.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1));
  return {
    terms,
    totals: { posts: Number(posts[0]?.total ?? 0), petitions: Number(petitions[0]?.total ?? 0) },
    hits: hits.slice(0, ask.limit),
  };
}
