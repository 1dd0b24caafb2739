/**
 * Typed functions for sql/queries/handling and sql/queries/intake: the routing rules and deadlines, the intake queue,
 * and the state, history and queues of the cases handled in Front Pulse. Live data: never cached (define.ts).
 */
import { defineQuery } from './define.js';

export const routingRules = defineQuery<
  Record<string, never>,
  { rule_id: string; position: number; topic: string; terms: string[]; place: string; route_to: string; reason: string; enabled: number; updated_by: string; updated_at: string }
>('handling/routing_rules');

export const petitionDeadlines = defineQuery<Record<string, never>, { topic: string; answer_days: number; updated_by: string; updated_at: string }>(
  'handling/petition_deadlines',
);

export interface PendingSubmission {
  tracking_code: string;
  petition_id: string;
  submitted_at: string;
  channel: string;
  province_code: string;
  commune_code: string;
  title: string;
  text: string;
  contact_sealed: string;
  consent_contact: number;
}

export const pendingSubmissions = defineQuery<{ limit: number }, PendingSubmission>('intake/pending_submissions');

export const storedPetitionIds = defineQuery<{ ids: string[] }, { petition_id: string }>('intake/stored_petition_ids');

export const labelledPetitionIds = defineQuery<{ ids: string[]; version: string }, { item_id: string }>('intake/labelled_petitions');

export const recentSignatures = defineQuery<{ since: string }, { petition_id: string; case_id: string; signature: number[] }>('intake/recent_signatures');

export const trackedSubmission = defineQuery<
  { tracking_code: string },
  { tracking_code: string; petition_id: string; submitted_at: string; routed: number; province_code: string; commune_code: string; case_id: string }
>('intake/tracked_submission');

export interface CaseState {
  petition_id: string;
  tracking_code: string;
  case_id: string;
  province_code: string;
  commune_code: string;
  topic: string;
  status: string;
  unit_code: string;
  handling_level: string;
  due_at: string;
  received_at: string;
  last_event_at: string;
  answered_at: string | null;
  closed_at: string | null;
}

export const caseStates = defineQuery<{ ids: string[] }, CaseState>('handling/case_states');

export interface CaseEvent {
  event_id: string;
  event_at: string;
  status: string;
  unit_code: string;
  handling_level: string;
  due_at: string;
  actor: string;
  note: string;
  partner: string;
}

export const caseEvents = defineQuery<{ province_code: string; commune_code: string; petition_id: string }, CaseEvent>('handling/case_events');

export interface QueueRow {
  petition_id: string;
  tracking_code: string;
  case_id: string;
  submitted_at: string;
  province_code: string;
  commune_code: string;
  topic: string;
  sentiment: string;
  status: string;
  handling_level: string;
  due_at: string;
  overdue: number;
  title: string;
  excerpt: string;
  has_contact: number;
  consent_contact: number;
}

export const unitQueue = defineQuery<{ unit_code: string; since: string; now: string }, QueueRow>('handling/unit_queue');

export const overdueCases = defineQuery<
  { now: string; since: string },
  { petition_id: string; province_code: string; commune_code: string; topic: string; status: string; unit_code: string; handling_level: string; due_at: string }
>('handling/overdue_cases');

export interface CaseDetailRow {
  tracking_code: string;
  petition_id: string;
  submitted_at: string;
  channel: string;
  title: string;
  text: string;
  contact_sealed: string;
  consent_contact: number;
  attachments: string;
  province_code: string;
  commune_code: string;
  place_source: string;
  topic: string;
  sentiment: string;
  rule_id: string;
  reason: string;
  case_id: string;
  similarity: number;
  routed_at: string;
}

export const caseDetail = defineQuery<{ tracking_code: string }, CaseDetailRow>('handling/case_detail');

export const caseHolders = defineQuery<{ codes: string[] }, { petition_id: string; tracking_code: string; unit_code: string; handling_level: string; due_at: string }>(
  'intake/case_holders',
);
