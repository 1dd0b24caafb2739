/**
 * What a handling unit reads: its queue (the cases it holds, a mass case as one line with its count of signatures,
 * overdue first) and one case in full (the text, the contact for the holding unit only, the routing decision and
 * the dated history with who did what and why).
 */
import type { Store } from '../store/index.js';
import { mayReadContact, type Scope } from '../access/scope.js';
import { timeInVietnam } from '../clock.js';
import { caseDetail, caseEvents, caseStates, unitQueue, type CaseEvent, type QueueRow } from '../queries/handling.js';
import { contactOf } from '../questions/drill.js';
import { actionsFrom, type Action } from './actions.js';

/** How far back a queue looks: a case open longer than this has been escalated to the centre long ago. */
export const QUEUE_WINDOW_DAYS = 400;

export interface QueueCase {
  petitionId: string;
  trackingCode: string;
  /** Petitions in the case held here: 1 for a petition of its own. */
  signatures: number;
  memberIds: string[];
  submittedAt: string;
  provinceCode: string;
  communeCode: string;
  topic: string;
  sentiment: string;
  status: string;
  level: string;
  dueAt: string;
  overdue: boolean;
  title: string;
  excerpt: string;
  hasContact: boolean;
  consentContact: boolean;
}

export async function unitCases(store: Store, unitCode: string, now: Date = new Date()): Promise<QueueCase[]> {
  const rows = await unitQueue(store, {
    unit_code: unitCode,
    now: timeInVietnam(now),
    since: timeInVietnam(new Date(now.getTime() - QUEUE_WINDOW_DAYS * 86400_000)),
  });
  // A case's line is its first petition when the unit holds it, else its earliest petition held here.
  const byCase = new Map<string, QueueRow[]>();
  for (const r of rows) {
    const key = r.case_id || r.petition_id;
    const list = byCase.get(key);
    if (list) list.push(r);
    else byCase.set(key, [r]);
  }
  return [...byCase.entries()].map(([key, list]) => {
    const head = list.find((r) => r.petition_id === key) ?? (list[0] as QueueRow);
    return {
      petitionId: head.petition_id,
      trackingCode: head.tracking_code,
      signatures: list.length,
      memberIds: list.filter((r) => r !== head).map((r) => r.petition_id),
      submittedAt: head.submitted_at,
      provinceCode: head.province_code,
      communeCode: head.commune_code,
      topic: head.topic,
      sentiment: head.sentiment,
      status: head.status,
      level: head.handling_level,
      dueAt: head.due_at,
      overdue: list.some((r) => Number(r.overdue) === 1),
      title: head.title,
      excerpt: head.excerpt,
      hasContact: Number(head.has_contact) === 1,
      consentContact: Number(head.consent_contact) === 1,
    };
  });
}

export interface CaseView {
  petitionId: string;
  trackingCode: string;
  submittedAt: string;
  status: string;
  /** The steps its status allows now. */
  actions: Action[];
  holder: string;
  level: string;
  dueAt: string;
  title: string;
  text: string;
  contact: ReturnType<typeof contactOf>;
  consentContact: boolean;
  attachments: { name: string; type: string; bytes: number }[];
  place: { provinceCode: string; communeCode: string; source: string };
  topic: string;
  sentiment: string;
  routing: { ruleId: string; reason: string; routedAt: string };
  caseId: string;
  /** Petitions of the case (its first one included), when this is a mass case. */
  casePetitions: number;
  events: (Omit<CaseEvent, 'partner'> & { partner: string })[];
}

export type CaseRead = { ok: true; view: CaseView } | { ok: false; status: 403 | 404; message: string };

/** One case, for a user of the unit that holds it (403 for anyone else: the text may quote names). */
export async function readCase(store: Store, petitionId: string, reader: { scope: Scope; open: (sealed: string) => unknown }): Promise<CaseRead> {
  // Petitions from the form are "web-" and their tracking code (ingest/intake/tracking.ts).
  const code = /^web-[0-9A-Z]{10}$/.test(petitionId) ? petitionId.slice(4) : '';
  const [detail] = code ? await caseDetail(store, { tracking_code: code }) : [];
  if (!detail) return { ok: false, status: 404, message: `No petition ${petitionId} from the public form.` };
  const states = await caseStates(store, { ids: [detail.case_id || petitionId] });
  const state = states.find((s) => s.petition_id === petitionId);
  if (!state) return { ok: false, status: 404, message: `Petition ${petitionId} has no history yet.` };
  // Read whole, or not at all: the rule that opens a petition's contact (its holder's users, in a role that handles).
  if (!mayReadContact(reader.scope, state.unit_code)) {
    return { ok: false, status: 403, message: `Petition ${petitionId} is held by unit ${state.unit_code}; only its users may read it.` };
  }
  const events = await caseEvents(store, { province_code: detail.province_code, commune_code: detail.commune_code, petition_id: petitionId });
  const contact = detail.contact_sealed ? contactOf(reader.open(detail.contact_sealed)) : null;
  return {
    ok: true,
    view: {
      petitionId,
      trackingCode: detail.tracking_code,
      submittedAt: detail.submitted_at,
      status: state.status,
      actions: actionsFrom(state.status),
      holder: state.unit_code,
      level: state.handling_level,
      dueAt: state.due_at,
      title: detail.title,
      text: detail.text,
      contact,
      consentContact: Number(detail.consent_contact) === 1,
      attachments: JSON.parse(detail.attachments || '[]') as CaseView['attachments'],
      place: { provinceCode: detail.province_code, communeCode: detail.commune_code, source: detail.place_source },
      topic: detail.topic,
      sentiment: detail.sentiment,
      routing: { ruleId: detail.rule_id, reason: detail.reason, routedAt: detail.routed_at },
      caseId: detail.case_id,
      casePetitions: detail.case_id || states.length > 1 ? states.length : 1,
      events,
    },
  };
}
