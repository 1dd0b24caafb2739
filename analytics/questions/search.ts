/**
 * Full-text search over the opinion posts and petitions of a unit's subtree and period, for analysts following a
 * trend down to the items behind it. Diacritics and case are optional in the query: "lu lut", "LŨ LỤT" and "lũ lụt"
 * find the same items. Each term must start a word; a phrase in quotes must be found whole. Each hit comes with an
 * excerpt around the first match and where the terms stand in it, for highlighting.
 * Petitions: the excerpt's digits are masked (phone and ID numbers quoted in the text) unless the user's unit holds
 * the petition; never a contact. Posts: never the author.
 */
import type { Store } from '../store/index.js';
import { mayReadContact, type Scope, type UnitFilter } from '../access/scope.js';
import { foldDiacritics, foldLetters } from '../nlp/text.js';
import { ACTIVE_MODEL_KEY } from '../nlp/labels.js';
import { itemLabels, matchingPetitions, matchingPosts, petitionHolders, type ItemPlaces, type SearchParams } from '../queries/search.js';
import { addDays } from '../clock.js';

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

/** The text folded character by character (same length, same positions), lower case. */
function foldedKeepingPositions(text: string): string {
  return foldLetters(text).replace(/[Đđ]/g, 'd').toLowerCase();
}

function excerptOf(text: string, terms: string[], maskDigits: boolean): { excerpt: string; highlights: [number, number][] } {
  const folded = foldedKeepingPositions(text);
  const patterns = terms.map((t) => new RegExp(`(?<![a-z0-9])${t.replace(/ /g, '[^a-z0-9]+')}`, 'g'));
  const first = Math.min(...patterns.map((p) => folded.search(p)).filter((i) => i >= 0), text.length);
  const start = Math.max(0, Math.min(first - 60, text.length - EXCERPT_CHARS));
  const end = Math.min(text.length, start + EXCERPT_CHARS);
  let excerpt = text.slice(start, end);
  if (maskDigits) excerpt = excerpt.replace(/[0-9]/g, '•');
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

export async function search(
  store: Store,
  ask: { filter: UnitFilter; from: string; to: string; query: string; kinds: readonly SearchKind[]; limit: number; scope: Scope },
): Promise<SearchAnswer> {
  const terms = searchTerms(ask.query);
  if (terms.length === 0) throw new SearchQueryError('the query has no word of two letters or more to look for');
  if (terms.length > MAX_TERMS) throw new SearchQueryError(`the query has ${terms.length} terms; at most ${MAX_TERMS}`);
  // Terms must start a word: the engine's regular expressions (RE2) have no look-behind, so a word start is the text's
  // start or a character that is not a letter or a digit.
  const patterns = terms.map((t) => `(^|[^a-z0-9])${t.replace(/ /g, '[^a-z0-9]+')}`);
  const params: SearchParams = {
    province_code: ask.filter.province_code,
    commune_code: ask.filter.commune_code,
    from_time: `${ask.from} 00:00:00`,
    to_time: `${addDays(ask.to, 1)} 00:00:00`,
    terms: patterns,
    text_chars: TEXT_CHARS,
    page_size: ask.limit,
  };
  // Posts carry no village; a village's search finds its petitions only.
  const wantPosts = ask.kinds.includes('posts') && ask.filter.village_code === '';
  const [posts, petitions] = await Promise.all([
    wantPosts ? matchingPosts(store, params) : [],
    ask.kinds.includes('petitions') ? matchingPetitions(store, params) : [],
  ]);
  const places = (rows: { province_code: string; commune_code: string; id: string }[]): ItemPlaces => ({
    provinces: [...new Set(rows.map((r) => r.province_code))],
    communes: [...new Set(rows.map((r) => r.commune_code))],
    ids: rows.map((r) => r.id),
  });
  const [postLabels, petitionLabels, holders] = await Promise.all([
    posts.length > 0 ? itemLabels(store, { ...places(posts), active_key: ACTIVE_MODEL_KEY, item_kind: 'post' }) : [],
    petitions.length > 0 ? itemLabels(store, { ...places(petitions), active_key: ACTIVE_MODEL_KEY, item_kind: 'petition' }) : [],
    petitions.length > 0 ? petitionHolders(store, places(petitions)) : [],
  ]);
  const label = new Map([...postLabels.map((l) => [`posts:${l.item_id}`, l] as const), ...petitionLabels.map((l) => [`petitions:${l.item_id}`, l] as const)]);
  const holderOf = new Map(holders.map((h) => [h.petition_id, h.holder]));
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
      ...excerptOf(p.text, terms, false),
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
      title: p.title,
      ...excerptOf(`${p.title}. ${p.text}`, terms, !mayReadContact(ask.scope, holderOf.get(p.id) ?? p.first_holder)),
    })),
  ];
  hits.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1));
  return {
    terms,
    totals: { posts: Number(posts[0]?.total ?? 0), petitions: Number(petitions[0]?.total ?? 0) },
    hits: hits.slice(0, ask.limit),
  };
}
