/**
 * Handling a case: what users of the holding unit may do with a petition that came through the public form, each step
 * an append-only status event with who, when and why. Nothing is updated in place.
 *   accept        take the case up                                  → accepted
 *   transfer      to another Front unit (it becomes the holder, with a new deadline), or to a partner agency
 *                 (the Front keeps the case and follows it up)       → transferred
 *   request_info  ask the citizen for more                          → info_requested
 *                 (the citizen answers on their status page          → info_provided)
 *   answer        the answer, in the note                           → answered
 *   close         after the answer                                  → closed
 *   reopen        an answered or closed case                        → reopened, with a new deadline
 * A step on a mass case's first petition serves every petition of the case the unit holds, so one answer serves all.
 * Petitions imported from other systems are handled there; their history comes in as petition events.
 */
import crypto from 'node:crypto';
import type { Store } from '../store/index.js';
import type { HandlingLevel } from '../registry/vocabularies.js';
import { caseStates, type CaseState } from '../queries/handling.js';
import { answerDays, loadRouting } from './rules.js';

export const ACTIONS = ['accept', 'transfer', 'request_info', 'answer', 'close', 'reopen'] as const;
export type Action = (typeof ACTIONS)[number];

export const OPEN_STATUSES = ['received', 'routed', 'accepted', 'transferred', 'info_requested', 'info_provided', 'escalated', 'reopened'] as const;

export const ALLOWED_FROM: Record<Action, readonly string[]> = {
  accept: ['received', 'routed', 'transferred', 'escalated', 'reopened', 'info_provided'],
  transfer: OPEN_STATUSES,
  request_info: OPEN_STATUSES,
  answer: OPEN_STATUSES,
  close: ['answered'],
  reopen: ['answered', 'closed'],
};

const STATUS_AFTER: Record<Action, string> = {
  accept: 'accepted',
  transfer: 'transferred',
  request_info: 'info_requested',
  answer: 'answered',
  close: 'closed',
  reopen: 'reopened',
};

/** The steps a case in this status allows. */
export function actionsFrom(status: string): Action[] {
  return ACTIONS.filter((a) => ALLOWED_FROM[a].includes(status));
}

/** Steps that must say something: the answer, the question, why it goes elsewhere or is opened again. */
const NOTE_REQUIRED: readonly Action[] = ['transfer', 'request_info', 'answer', 'reopen'];
export const NOTE_MAX_CHARS = 10_000;
export const PARTNER_MAX_CHARS = 200;

export interface ActionRequest {
  action: Action;
  note?: string;
  /** transfer: the Front unit that takes the case over. */
  toUnitCode?: string;
  /** transfer: the partner agency the case is sent to (the holder stays). */
  partner?: string;
}

export interface Actor {
  userId: string;
  /** The user's home unit: only its cases can be acted on. */
  unitCode: string;
}

export interface TargetUnit {
  code: string;
  level: string;
  province_code: string;
  commune_code: string;
}

export type ActionOutcome =
  | { ok: true; eventId: string; status: string; eventAt: string; petitions: string[]; skipped: { petitionId: string; status: string; holder: string }[] }
  | { ok: false; status: 400 | 403 | 404 | 409; code: string; message: string };

const refuse = (status: 400 | 403 | 404 | 409, code: string, message: string): ActionOutcome => ({ ok: false, status, code, message });

export async function actOnCase(
  store: Store,
  petitionId: string,
  request: ActionRequest,
  actor: Actor,
  deps: { findUnit: (code: string) => Promise<TargetUnit | undefined>; now?: Date },
): Promise<ActionOutcome> {
  const states = await caseStates(store, { ids: [petitionId] });
  const own = states.find((s) => s.petition_id === petitionId);
  if (!own) return refuse(404, 'not_found', `No petition ${petitionId} from the public form: petitions imported from other systems are handled there.`);
  if (own.unit_code !== actor.unitCode) {
    return refuse(403, 'forbidden', `Petition ${petitionId} is held by unit ${own.unit_code}; only its users may act on it.`);
  }
  if (!ALLOWED_FROM[request.action].includes(own.status)) {
    return refuse(409, 'conflict', `Cannot ${request.action.replace('_', ' ')} petition ${petitionId}: it is ${own.status} (possible from ${ALLOWED_FROM[request.action].join(', ')}).`);
  }
  const note = (request.note ?? '').normalize('NFC').trim();
  if (NOTE_REQUIRED.includes(request.action) && note === '') return refuse(400, 'bad_request', `${request.action} needs a note: say what and why.`);
  if (note.length > NOTE_MAX_CHARS) return refuse(400, 'bad_request', `the note is ${note.length} characters long; at most ${NOTE_MAX_CHARS}`);

  const now = deps.now ?? new Date();
  let holder = { unitCode: own.unit_code, level: own.handling_level as HandlingLevel, dueAt: own.due_at };
  let partner = '';
  if (request.action === 'transfer') {
    const toUnit = request.toUnitCode?.trim() ?? '';
    partner = (request.partner ?? '').normalize('NFC').trim();
    if ((toUnit === '') === (partner === '')) return refuse(400, 'bad_request', 'transfer needs either toUnitCode (a Front unit) or partner (an agency), not both.');
    if (partner.length > PARTNER_MAX_CHARS) return refuse(400, 'bad_request', `partner is longer than ${PARTNER_MAX_CHARS} characters`);
    if (toUnit) {
      const unit = await deps.findUnit(toUnit);
      if (!unit || unit.level === 'village') return refuse(400, 'bad_request', `"${toUnit}" is not the central level, a province or a commune in force.`);
      if (unit.code === own.unit_code) return refuse(400, 'bad_request', `the petition is held by ${toUnit} already.`);
      const level = unit.level as HandlingLevel;
      holder = { unitCode: unit.code, level, dueAt: await deadlineFrom(store, now, own.topic, level) };
    }
  } else if (request.action === 'reopen') {
    holder = { ...holder, dueAt: await deadlineFrom(store, now, own.topic, holder.level) };
  }

  // The case's first petition carries its members with it, where the same unit holds them and the step fits.
  const lead = own.case_id === '';
  const members = lead ? states.filter((s) => s.case_id === petitionId) : [];
  const applies = (s: CaseState) => s.unit_code === actor.unitCode && ALLOWED_FROM[request.action].includes(s.status);
  const targets = [own, ...members.filter(applies)];
  const skipped = members.filter((s) => !applies(s)).map((s) => ({ petitionId: s.petition_id, status: s.status, holder: s.unit_code }));

  const status = STATUS_AFTER[request.action];
  const { eventId } = await appendStep(store, targets, { name: request.action, status, actor: actor.userId, note, partner, holder }, now);
  return { ok: true, eventId, status, eventAt: now.toISOString(), petitions: targets.map((s) => s.petition_id), skipped };
}

interface Step {
  /** Names the event: "<name>-<ms>-<random>". */
  name: string;
  status: string;
  /** A user id, "system" or "citizen". */
  actor: string;
  note: string;
  partner?: string;
  /** The holder the step hands the petitions to; absent = each keeps its own. */
  holder?: { unitCode: string; level: HandlingLevel; dueAt: string };
}

/** Appends one step to the histories of some petitions: one event each, with one id; when it was, for the first. */
async function appendStep(store: Store, states: CaseState[], step: Step, now: Date): Promise<{ eventId: string; eventAt: string }> {
  const eventId = `${step.name}-${now.getTime()}-${crypto.randomBytes(3).toString('hex')}`;
  // TRICKY: the state is the status of the latest event; a step must come after the one before it, even within a ms.
  const eventAt = (s: CaseState) => new Date(Math.max(now.getTime(), Date.parse(`${s.last_event_at.replace(' ', 'T')}+07:00`) + 1)).toISOString();
  await store.insert(
    'petition_events',
    states.map((s) => {
      const holder = step.holder ?? { unitCode: s.unit_code, level: s.handling_level, dueAt: s.due_at };
      return {
        event_id: eventId,
        petition_id: s.petition_id,
        province_code: s.province_code,
        commune_code: s.commune_code,
        event_at: eventAt(s),
        status: step.status,
        unit_code: holder.unitCode,
        handling_level: holder.level,
        due_at: holder.dueAt,
        actor: step.actor,
        note: step.note,
        partner: step.partner ?? '',
        from_unit_code: holder.unitCode === s.unit_code ? '' : s.unit_code,
        ingest_run_id: '',
      };
    }),
  );
  return { eventId, eventAt: eventAt(states[0] as CaseState) };
}

/** The deadline of a case taken up at a level now: the topic's answer days, else the level's. */
export async function deadlineFrom(store: Store, now: Date, topic: string, level: HandlingLevel): Promise<string> {
  const { deadlines } = await loadRouting(store);
  const due = new Date(now.getTime() + 7 * 3600_000 + answerDays(deadlines, topic, level) * 86400_000);
  return due.toISOString().slice(0, 19).replace('T', ' ');
}

export const REPLY_MIN_CHARS = 5;
export const REPLY_MAX_CHARS = 5_000;

/**
 * The citizen's answer to a request for more information, from their status page: an "info_provided" event by
 * "citizen" (never their name), with the answer as its note, for the holding unit to read. Only while asked.
 */
export async function citizenReply(store: Store, petitionId: string, text: string, now: Date = new Date()): Promise<ActionOutcome> {
  const note = text.normalize('NFC').trim();
  if (note.length < REPLY_MIN_CHARS || note.length > REPLY_MAX_CHARS) {
    return refuse(400, 'bad_request', `nội dung bổ sung cần từ ${REPLY_MIN_CHARS} đến ${REPLY_MAX_CHARS.toLocaleString('vi-VN')} ký tự`);
  }
  const [state] = (await caseStates(store, { ids: [petitionId] })).filter((s) => s.petition_id === petitionId);
  if (!state) return refuse(404, 'not_found', 'Không tìm thấy đơn.');
  if (state.status !== 'info_requested') return refuse(409, 'conflict', 'Đơn vị xử lý hiện không đề nghị bổ sung thông tin cho đơn này.');
  const { eventId, eventAt } = await appendStep(store, [state], { name: 'info_provided', status: 'info_provided', actor: 'citizen', note }, now);
  return { ok: true, eventId, status: 'info_provided', eventAt, petitions: [petitionId], skipped: [] };
}
