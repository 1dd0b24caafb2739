/**
 * Typed functions for sql/queries/search: full-text search over posts and petitions, without diacritics.
 */
import { defineQuery } from './define.js';
import type { HeldElsewhere } from './drill.js';

export interface SearchParams {
  [key: string]: unknown;
  province_code: string;
  commune_code: string;
  from_time: string;
  to_time: string;
  terms: string[];
  text_chars: number;
  page_size: number;
}

export interface PostMatch {
  id: string;
  at: string;
  source: string;
  source_name: string;
  url: string;
  province_code: string;
  commune_code: string;
  /** Cut, its phones and ID numbers masked. */
  text: string;
  total: number;
}

export interface PetitionMatch {
  id: string;
  at: string;
  channel: string;
  province_code: string;
  commune_code: string;
  /** 1 when the reader's unit holds it now; else title and text come with their digits masked. */
  unmasked: number;
  title: string;
  text: string;
  total: number;
}

/**
 * The petitions' search: the posts' parameters, the village, the petitions held from elsewhere, whose users are shown
 * whole what they hold, and the terms' patterns for the texts shown masked.
 */
export interface PetitionSearchParams extends SearchParams, HeldElsewhere {
  village_code: string;
  /** analytics/access/scope.ts contactReaderUnit: '' = nobody. */
  reader_unit: string;
  masked_terms: string[];
  /** 0 when a term holds a digit. */
  masked_match: number;
}

/** Where some items are and what they are: their provinces, communes and ids, each as a list. */
export interface ItemPlaces {
  [key: string]: unknown;
  provinces: string[];
  communes: string[];
  ids: string[];
}

/** The posts' search: 1 when a term holds a digit, matched then in the text as it is shown (its long numbers masked). */
export interface PostSearchParams extends SearchParams {
  digit_terms: number;
}

export const matchingPosts = defineQuery<PostSearchParams, PostMatch>('search/matching_posts');
export const matchingPetitions = defineQuery<PetitionSearchParams, PetitionMatch>('search/matching_petitions');
export const itemLabels = defineQuery<ItemPlaces & { active_key: string; item_kind: 'post' | 'petition' }, { item_id: string; topic: string; sentiment: string }>(
  'search/item_labels',
);
