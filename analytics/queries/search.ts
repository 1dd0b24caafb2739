/**
 * Typed functions for sql/queries/search: full-text search over posts and petitions, without diacritics.
 */
import { defineQuery } from './define.js';

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
  text: string;
  total: number;
}

export interface PetitionMatch {
  id: string;
  at: string;
  channel: string;
  province_code: string;
  commune_code: string;
  title: string;
  text: string;
  first_holder: string;
  total: number;
}

/** Where some items are and what they are: their provinces, communes and ids, each as a list. */
export interface ItemPlaces {
  [key: string]: unknown;
  provinces: string[];
  communes: string[];
  ids: string[];
}

export const matchingPosts = defineQuery<SearchParams, PostMatch>('search/matching_posts');
export const matchingPetitions = defineQuery<SearchParams, PetitionMatch>('search/matching_petitions');
export const itemLabels = defineQuery<ItemPlaces & { active_key: string; item_kind: 'post' | 'petition' }, { item_id: string; topic: string; sentiment: string }>(
  'search/item_labels',
);
export const petitionHolders = defineQuery<ItemPlaces, { petition_id: string; holder: string }>('search/petition_holders');
