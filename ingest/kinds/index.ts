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

/** A column name as a sheet's header writes it: its first letter a capital ("mã đơn" → "Mã đơn"). */
export function columnTitle(name: string): string {
  return name.charAt(0).toLocaleUpperCase('vi') + name.slice(1);
}

/** What a person loading data needs of a kind: its name in both languages, and its columns by their usual names. */
export interface KindDescription {
  kind: IngestKind;
  name: { vi: string; en: string };
  /** Each field with the name files most often give it (its first Vietnamese one); `required`: a file must have it. */
  columns: { field: string; name: string; required: boolean }[];
}

/** A kind's name in Vietnamese and in English, from its description ("Danh sách cán bộ / officer rosters"). */
export function kindNames(kind: IngestKind): { vi: string; en: string } {
  const [vi = kind, en = kind] = KINDS[kind].description.split(' / ');
  return { vi, en: columnTitle(en) };
}

export function describeKinds(): KindDescription[] {
  return (Object.keys(KINDS) as IngestKind[]).map((kind) => ({
    kind,
    name: kindNames(kind),
    columns: KINDS[kind].columns.map((c) => ({ field: c.key, name: columnTitle(c.aliases[0] ?? c.key), required: c.required })),
  }));
}
