/**
 * Typed functions for sql/queries/drill: the rows behind the figures, a page at a time (keyset paging), never with a
 * personal column but the petition contacts the caller's unit may read.
 */
import { defineQuery } from './define.js';
import type { PetitionWindow, Scoped } from './petitions.js';

export interface PetitionRow {
  petition_id: string;
  received_at: string;
  channel: string;
  province_code: string;
  commune_code: string;
  village_code: string;
  handling_level: string;
  holder: string;
  holder_now: string;
  due_at: string;
  answered_at: string | null;
  topic: string;
  sentiment: string;
  state: 'in_progress' | 'answered' | 'overdue';
}

export type PetitionFilters = {
  state: string;
  levels: string[];
  channels: string[];
  topics: string[];
  sentiments: string[];
  holder: string;
  deadline: string;
};

/** Petitions listed beside those of the unit's places: their places and ids, as three lists ([] = none). */
export type HeldElsewhere = {
  held_provinces: string[];
  held_communes: string[];
  held_ids: string[];
};

export const petitionRows = defineQuery<
  Scoped & PetitionWindow & PetitionFilters & HeldElsewhere & { active_key: string; after_received: string; after_id: string; page_size: number },
  PetitionRow
>('drill/petition_rows');

/** The petitions a unit of a province or commune held at state_at or holds now, whose matter lies outside it. */
export const petitionsHeldElsewhere = defineQuery<
  Pick<Scoped, 'province_code' | 'commune_code'> & Pick<PetitionWindow, 'received_from' | 'state_at'>,
  { province_code: string; commune_code: string; petition_id: string }
>('drill/petitions_held_elsewhere');

export interface PetitionDetailRow {
  petition_id: string;
  title: string;
  excerpt: string;
  text: string;
  contact_sealed: string;
  consent_contact: number;
  status: string;
}

export const petitionDetails = defineQuery<
  PetitionWindow & { provinces: string[]; communes: string[]; ids: string[]; readable: string[]; excerpt_chars: number },
  PetitionDetailRow
>('drill/petition_details');

export const unitNames = defineQuery<{ codes: string[]; as_of: string }, { code: string; name: string; level: string }>('drill/unit_names');

export interface VillageRow {
  code: string;
  name: string;
  unit_type: string;
  province_code: string;
  commune_code: string;
  listed_from: string;
  officers: number;
  roster_updated_at: string | null;
}

export const villageRows = defineQuery<Scoped & { as_of: string; after_code: string; page_size: number }, VillageRow>('drill/village_rows');

export interface ReportSubmissionRow {
  unit_code: string;
  unit_name: string;
  unit_level: 'province' | 'commune';
  province_code: string;
  week_start: string;
  first_submitted_at: string | null;
  last_submitted_at: string | null;
  report_status: 'on_time' | 'late' | 'missing';
}

export const reportSubmissionRows = defineQuery<
  Scoped & {
    from_week: string;
    to_week: string;
    due_days: number;
    unit_level: string;
    status: string;
    after_week: string;
    after_code: string;
    page_size: number;
  },
  ReportSubmissionRow
>('drill/report_submission_rows');

export interface PostRow {
  post_id: string;
  published_at: string;
  source: string;
  province_code: string;
  commune_code: string;
  topic: string;
  sentiment: string;
}

export type PostWindow = {
  from_time: string;
  to_time: string;
};

export const postRows = defineQuery<
  Scoped & PostWindow & {
    active_key: string;
    sources: string[];
    topics: string[];
    sentiments: string[];
    after_time: string;
    after_id: string;
    page_size: number;
  },
  PostRow
>('drill/post_rows');

export interface PostDetailRow {
  post_id: string;
  source_name: string;
  url: string;
  excerpt: string;
  likes: number;
  shares: number;
  comments: number;
}

export const postDetails = defineQuery<
  Omit<Scoped, 'village_code'> & PostWindow & { ids: string[]; excerpt_chars: number },
  PostDetailRow
>('drill/post_details');

export interface OfficerRow {
  officer_id: string;
  unit_code: string;
  level_code: 'province' | 'commune' | 'village';
  province_code: string;
  commune_code: string;
  organisation_code: string;
  position_code: string;
  gender_code: 'male' | 'female' | 'unknown';
  birth_years: string;
  band: string;
  is_active: number;
  updated_at: string;
}

export const officerRows = defineQuery<
  Scoped & {
    as_of: string;
    unit_level: string;
    organisation: string;
    position: string;
    gender: string;
    age_band: string;
    active: string;
    after_province: string;
    after_commune: string;
    after_unit: string;
    after_id: string;
    page_size: number;
  },
  OfficerRow
>('drill/officer_rows');
