/**
 * Every kind of data, by name.
 */
import type { IngestKind, KindSpec } from './spec.js';
import { officers } from './officers.js';
import { weeklyReports } from './weekly-reports.js';
import { petitionEvents } from './petition-events.js';
import { petitions } from './petitions.js';
import { opinionPosts } from './opinion-posts.js';
import { units } from './units.js';

export const KINDS: Record<IngestKind, KindSpec> = {
  units,
  officers,
  weekly_reports: weeklyReports,
  petitions,
  petition_events: petitionEvents,
  opinion_posts: opinionPosts,
};
