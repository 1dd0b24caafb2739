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
  active_key: string;
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
  topic: string;
  sentiment: string;
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
  holder: string;
  topic: string;
  sentiment: string;
  total: number;
}

export const matchingPosts = defineQuery<SearchParams, PostMatch>('search/matching_posts');
export const matchingPetitions = defineQuery<SearchParams, PetitionMatch>('search/matching_petitions');
