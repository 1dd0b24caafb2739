/**
 * What a citizen sees of their submission with its tracking code: where it stands, which Front holds it, the deadline,
 * the answer, and a dated history in plain words. Not shown: other people's petitions, the handlers' names, internal
 * notes (routing and transfer reasons), the text or contact details (the citizen has them).
 */
import type { Store } from '../store/index.js';
import { caseEvents, trackedSubmission } from '../queries/handling.js';
import { namesOf } from '../questions/petitions.js';
import { CENTRAL_CODE, CENTRAL_NAME } from '../registry/units.js';
import { dayInVietnam } from '../clock.js';

export interface CitizenStatus {
  submittedAt: string;
  status: string;
  /** The status in plain Vietnamese. */
  statusText: string;
  /** The Front that holds it; null while it is being sorted. */
  holder: { level: string; name: string } | null;
  dueAt: string | null;
  /** The answer, once given. */
  answer: string | null;
  /** What the handler asks the citizen, while more information is needed. */
  question: string | null;
  history: { at: string; status: string; text: string }[];
}

const STATUS_TEXT: Record<string, string> = {
  queued: 'Đã tiếp nhận, đang phân loại và chuyển đơn vị xử lý',
  received: 'Đã tiếp nhận',
  routed: 'Đã chuyển đến đơn vị xử lý',
  accepted: 'Đơn vị đang xử lý',
  transferred: 'Đã chuyển đơn vị xử lý',
  info_requested: 'Cần bổ sung thông tin',
  info_provided: 'Đã bổ sung thông tin, đơn vị đang xem xét',
  escalated: 'Quá hạn, đã chuyển lên cấp trên xử lý',
  answered: 'Đã trả lời',
  closed: 'Đã kết thúc',
  reopened: 'Đang xem xét lại',
};

/** Undefined when no submission has the code. */
export async function citizenStatus(store: Store, trackingCode: string): Promise<CitizenStatus | undefined> {
  const [submission] = await trackedSubmission(store, { tracking_code: trackingCode });
  if (!submission) return undefined;
  const queued: CitizenStatus = {
    submittedAt: submission.submitted_at,
    status: 'queued',
    statusText: STATUS_TEXT.queued as string,
    holder: null,
    dueAt: null,
    answer: null,
    question: null,
    history: [{ at: submission.submitted_at, status: 'queued', text: STATUS_TEXT.queued as string }],
  };
  if (!Number(submission.routed)) return queued;
  const events = await caseEvents(store, { province_code: submission.province_code, commune_code: submission.commune_code, petition_id: submission.petition_id });
  const last = events.at(-1);
  if (!last) return queued;
  const named = await namesOf(store, events.map((e) => e.unit_code), dayInVietnam());
  const nameOf = (code: string) => {
    if (code === CENTRAL_CODE) return `Ủy ban Trung ương MTTQ Việt Nam (${CENTRAL_NAME})`;
    const { name } = named(code);
    return name === code ? code : `Ủy ban MTTQ Việt Nam ${name}`;
  };
  const history = [];
  for (const e of events) {
    let text = STATUS_TEXT[e.status] ?? e.status;
    if (e.status === 'routed' || e.status === 'escalated' || (e.status === 'transferred' && !e.partner)) text = `${text}: ${nameOf(e.unit_code)}`;
    if (e.status === 'transferred' && e.partner) text = `Đã chuyển đến cơ quan có thẩm quyền: ${e.partner}; Mặt trận tiếp tục theo dõi`;
    history.push({ at: e.event_at, status: e.status, text });
  }
  const open = last.status !== 'answered' && last.status !== 'closed';
  const latest = (status: string) => events.filter((e) => e.status === status).at(-1)?.note ?? null;
  return {
    submittedAt: submission.submitted_at,
    status: last.status,
    statusText: STATUS_TEXT[last.status] ?? last.status,
    holder: { level: last.handling_level, name: nameOf(last.unit_code) },
    dueAt: open ? last.due_at : null,
    answer: latest('answered'),
    question: last.status === 'info_requested' ? last.note : null,
    history,
  };
}
