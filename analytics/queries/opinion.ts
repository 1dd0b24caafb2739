/**
 * Typed functions for sql/queries/opinion: opinion trends, rising keywords and spikes, from the NLP labels of posts
 * (and petitions, when asked) of a unit's subtree.
 */
import { defineQuery } from './define.js';

/** What every opinion query is asked with: the label version, the kinds of item, and the unit's subtree. */
export interface OpinionScope {
  [key: string]: unknown;
  model_version: string;
  /** 0 = posts only; 1 = posts and petitions. */
  with_petitions: number;
  province_code: string;
  commune_code: string;
}

export interface TrendRow {
  by_week: number;
  week_start: string;
  child_code: string;
  topic: string;
  items: number;
  negative: number;
  neutral: number;
  positive: number;
}

export const opinionTrend = defineQuery<OpinionScope & { from: string; to: string; topic: string }, TrendRow>('opinion/opinion_trend');

export interface TermCountRow {
  term: string;
  current: number;
  baseline: number;
}

export const risingTermCounts = defineQuery<
  OpinionScope & { week_start: string; baseline_weeks: number; min_current: number },
  TermCountRow
>('opinion/rising_term_counts');

export const termTexts = defineQuery<OpinionScope & { week_start: string; terms: string[]; per_term: number }, { term: string; text: string }>(
  'opinion/term_texts',
);

export interface SpikeCountRow {
  child_code: string;
  topic: string;
  weeks_ago: number;
  items: number;
}

export const spikeCounts = defineQuery<
  OpinionScope & { negative_only: number; week_start: string; baseline_weeks: number; days: number },
  SpikeCountRow
>('opinion/spike_counts');

export interface SpikePostRow {
  spike: number;
  post_id: string;
  source: string;
  url: string;
  published_at: string;
  excerpt: string;
  engagement: number;
}

export const spikeExamplePosts = defineQuery<
  Omit<OpinionScope, 'with_petitions'> & {
    negative_only: number;
    week_start: string;
    days: number;
    spike_topics: string[];
    spike_children: string[];
    per_spike: number;
    excerpt_chars: number;
  },
  SpikePostRow
>('opinion/spike_example_posts');
