/**
 * Drill-through: from a figure to the rows behind it, within the caller's unit and with the figure's own filters, a
 * page at a time (keyset paging with an opaque cursor, at most MAX_PAGE_SIZE rows). Rows carry no personal column,
 * with one exception decided row by row: a petition's full text and its petitioner's contact go only to users of the
 * unit that holds the petition, in a role that handles petitions (analytics/access/scope.ts mayReadContact). Everyone
 * else gets its title and a short excerpt with the digits masked.
 * A unit's petitions are those whose matter lies in its subtree, and those a unit of the subtree holds at the period's
 * end or now wherever their matter lies (heldElsewhere): a petition transferred to another province's commune is
 * listed, with its contact, for the commune that holds it. The figures count it where its matter lies.
 */
import type { Store } from '../store/index.js';
import { mayReadContact, type Scope, type UnitFilter } from '../access/scope.js';
import {
  officerRows,
  petitionDetails,
  petitionRows,
  petitionsHeldElsewhere,
  postDetails,
  postRows,
  reportSubmissionRows,
  villageRows,
  type HeldElsewhere,
  type PetitionFilters,
} from '../queries/drill.js';
import { ACTIVE_MODEL_KEY } from '../nlp/labels.js';
import { addDays, isCalendarDay, isoWeekOf } from '../clock.js';
import { REPORT_DUE_DAYS_AFTER_WEEK_START } from '../registry/vocabularies.js';
import { namesOf, petitionWindow, UNLABELLED, type Asked, type Period } from './petitions.js';
import type { UnitSummary } from './coverage.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/** Characters of a petition's or a post's text in its excerpt. */
export const EXCERPT_CHARS = 160;

export class CursorError extends Error {
  constructor() {
    super('cursor is not one this endpoint gave: start again without it');
    // Answered as 400 bad_request (server/plugins/app/errors.ts).
    this.name = 'UserError';
  }
}

/** The sort key of a page's last row, as the opaque string the next request sends back. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What each part of a sort key looks like: the cursor's values reach the queries as typed parameters. */
type KeyPart = (value: string) => boolean;
const DAY: KeyPart = isCalendarDay;
const TIME: KeyPart = (v) => /^\d{4}-\d{2}-\d{2} ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(v) && isCalendarDay(v.slice(0, 10));
const TEXT: KeyPart = (v) => v.length <= 200;

/** The sort key a cursor holds, checked against the shape of this endpoint's key; CursorError when it does not fit. */
export function decodeCursor(cursor: string | undefined, shape: readonly KeyPart[]): string[] | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError();
  }
  const fits = Array.isArray(key) && key.length === shape.length && key.every((k, i) => typeof k === 'string' && shape[i]?.(k) === true);
  if (!fits) throw new CursorError();
  return key as string[];
}

export interface Page<R> {
  rows: R[];
  /** Send as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Splits the limit + 1 rows a query returned into a page and the cursor after it. */
function paged<T>(rows: T[], limit: number, keyOf: (row: T) => string[]): { rows: T[]; nextCursor: string | null } {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return { rows: shown, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

/** SQL's '' for what the answers call unlabelled. */
const labelKey = (value: string | undefined) => (value === undefined ? [] : [value === UNLABELLED ? '' : value]);
const labelOut = (value: string) => (value === '' ? UNLABELLED : value);

// ---- petitions ----

export interface PetitionQuery {
  /** received (every petition), in_progress, answered or overdue: the figure's state at the period's end. */
  status?: 'received' | 'in_progress' | 'answered' | 'overdue';
  level?: string;
  channel?: string;
  topic?: string;
  sentiment?: string;
  /** Monday of an ISO week of receipt; the period narrows to the days of it inside the period. */
  weekStart?: string;
  /** The unit holding the petition at the period's end (the ranking by holder). */
  holder?: string;
  /** Answered within the deadline (met) or after it (missed). */
  deadline?: 'met' | 'missed';
}

export interface Contact {
  name: string | null;
  phone: string | null;
  idNumber: string | null;
  address: string | null;
  email: string | null;
}

export interface PetitionDrillRow {
  id: string;
  receivedAt: string;
  channel: string;
  place: { provinceCode: string; communeCode: string; villageCode: string; name: string | null };
  level: string;
  holder: UnitSummary;
  /** in_progress, answered or overdue at the period's end. */
  status: string;
  /** The last status of its history by the period's end (received, routed, accepted, …). */
  lastEvent: string;
  dueAt: string;
  answeredAt: string | null;
  topic: string;
  sentiment: string;
  title: string;
  /** The text's first EXCERPT_CHARS characters, digits masked. */
  excerpt: string;
  /** The full text: only for the unit holding the petition, else null. */
  text: string | null;
  consentContact: boolean;
  /** The petitioner's contact: only for the unit holding the petition, else null. */
  contact: Contact | null;
}

/** The reader of a page of petitions: their scope, and how sealed contacts are opened (the server's sealer). */
export interface Reader {
  scope: Scope;
  open(sealed: string): unknown;
}

/** Contacts are sealed as ingestion writes them ({name, phone, id_number, address, email}); the demo writes idNumber. */
export function contactOf(opened: unknown): Contact | null {
  if (!opened || typeof opened !== 'object') return null;
  const c = opened as Record<string, unknown>;
  const text = (...keys: string[]) => {
    const value = keys.map((k) => c[k]).find((v) => typeof v === 'string' && v !== '');
    return typeof value === 'string' ? value : null;
  };
  return { name: text('name'), phone: text('phone'), idNumber: text('id_number', 'idNumber'), address: text('address'), email: text('email') };
}

export class WeekOutsideError extends Error {
  constructor(weekStart: string, period: Pick<Period, 'from' | 'to'>) {
    super(`week ${isoWeekOf(weekStart)} lies outside the period from ${period.from} to ${period.to}`);
    // Answered as 400 bad_request (server/plugins/app/errors.ts).
    this.name = 'UserError';
  }
}

/** The period's days narrowed to those of one week (a figure of the weekly series); WeekOutsideError when none are. */
function narrowToWeek(period: Pick<Period, 'from' | 'to'>, weekStart: string | undefined): { from: string; to: string } {
  if (!weekStart) return period;
  const from = weekStart > period.from ? weekStart : period.from;
  const sunday = addDays(weekStart, 6);
  const to = sunday < period.to ? sunday : period.to;
  if (from > to) throw new WeekOutsideError(weekStart, period);
  return { from, to };
}

/**
 * The petitions a unit of the asked province or commune held at state_at or holds now though their matter lies
 * outside it, as the held_* parameters of the queries that list petitions beside those of the unit's places. None
 * nationally (the places take every petition) or under a village (a village holds none); usually none or a few.
 */
export async function heldElsewhere(store: Store, filter: UnitFilter, window: { received_from: string; state_at: string }): Promise<HeldElsewhere> {
  const rows =
    filter.province_code === '' || filter.village_code !== ''
      ? []
      : await petitionsHeldElsewhere(store, { province_code: filter.province_code, commune_code: filter.commune_code, ...window });
  return {
    held_provinces: [...new Set(rows.map((r) => r.province_code))],
    held_communes: [...new Set(rows.map((r) => r.commune_code))],
    held_ids: rows.map((r) => r.petition_id),
  };
}

export async function drillPetitions(
  store: Store,
  asked: Asked,
  period: Period,
  query: PetitionQuery,
  page: { cursor?: string; limit: number },
  reader: Reader,
  now?: Date,
): Promise<Page<PetitionDrillRow> & { stateAt: string }> {
  const after = decodeCursor(page.cursor, [TIME, TEXT]);
  // States are read at the period's end even when a week narrows the petitions received, as the weekly figures are.
  const { state_at } = petitionWindow(period, now);
  const window = { ...petitionWindow(narrowToWeek(period, query.weekStart), now), state_at };
  const filters: PetitionFilters = {
    state: query.status === 'received' ? '' : (query.status ?? ''),
    levels: query.level ? [query.level] : [],
    channels: query.channel ? [query.channel] : [],
    topics: labelKey(query.topic),
    sentiments: labelKey(query.sentiment),
    holder: query.holder ?? '',
    deadline: query.deadline ?? '',
  };
  const held = await heldElsewhere(store, asked.filter, window);
  const found = await petitionRows(store, {
    ...asked.filter,
    ...window,
    ...filters,
    ...held,
    active_key: ACTIVE_MODEL_KEY,
    after_received: after?.[0] ?? window.received_from,
    after_id: after?.[1] ?? '',
    page_size: page.limit + 1,
  });
  const { rows, nextCursor } = paged(found, page.limit, (r) => [r.received_at, r.petition_id]);

  // Decided here, row by row, and again by the query: it returns texts and contacts only for these ids.
  const readable = rows.filter((r) => mayReadContact(reader.scope, r.holder_now)).map((r) => r.petition_id);
  const [details, named] = await Promise.all([
    rows.length === 0
      ? []
      : petitionDetails(store, {
          ...window,
          provinces: [...new Set(rows.map((r) => r.province_code))],
          communes: [...new Set(rows.map((r) => r.commune_code))],
          ids: rows.map((r) => r.petition_id),
          readable,
          excerpt_chars: EXCERPT_CHARS,
        }),
    namesOf(store, rows.flatMap((r) => [r.holder, r.village_code || r.commune_code || r.province_code]), period.to),
  ]);
  const detail = new Map(details.map((d) => [d.petition_id, d]));
  return {
    stateAt: window.state_at,
    nextCursor,
    rows: rows.map((r) => {
      const d = detail.get(r.petition_id);
      const mayRead = readable.includes(r.petition_id);
      const place = r.village_code || r.commune_code || r.province_code;
      return {
        id: r.petition_id,
        receivedAt: r.received_at,
        channel: r.channel,
        place: { provinceCode: r.province_code, communeCode: r.commune_code, villageCode: r.village_code, name: place ? named(place).name : null },
        level: r.handling_level,
        holder: named(r.holder),
        status: r.state,
        lastEvent: d?.status ?? '',
        dueAt: r.due_at,
        answeredAt: r.answered_at,
        topic: labelOut(r.topic),
        sentiment: labelOut(r.sentiment),
        title: d?.title ?? '',
        excerpt: d?.excerpt ?? '',
        text: mayRead && d ? d.text : null,
        consentContact: d?.consent_contact === 1,
        contact: mayRead && d?.contact_sealed ? contactOf(reader.open(d.contact_sealed)) : null,
      };
    }),
  };
}

// ---- villages ----

export interface VillageDrillRow {
  code: string;
  name: string;
  type: string;
  commune: UnitSummary;
  provinceCode: string;
  listedFrom: string;
  officers: number;
  rosterUpdatedAt: string | null;
}

export async function drillVillages(store: Store, asked: Asked, asOf: string, page: { cursor?: string; limit: number }): Promise<Page<VillageDrillRow>> {
  const [after] = decodeCursor(page.cursor, [TEXT]) ?? [''];
  const found = await villageRows(store, { ...asked.filter, as_of: asOf, after_code: after as string, page_size: page.limit + 1 });
  const { rows, nextCursor } = paged(found, page.limit, (r) => [r.code]);
  const named = await namesOf(store, rows.map((r) => r.commune_code), asOf);
  return {
    nextCursor,
    rows: rows.map((r) => ({
      code: r.code,
      name: r.name,
      type: r.unit_type,
      commune: named(r.commune_code),
      provinceCode: r.province_code,
      listedFrom: r.listed_from,
      officers: r.officers,
      rosterUpdatedAt: r.roster_updated_at,
    })),
  };
}

// ---- weekly report submissions ----

export interface ReportQuery {
  weekStart?: string;
  level?: 'province' | 'commune';
  status?: 'on_time' | 'late' | 'missing';
}

export interface ReportDrillRow {
  unit: UnitSummary;
  provinceCode: string;
  week: string;
  weekStart: string;
  /** The report's deadline, "YYYY-MM-DD 00:00:00": a week not due yet by the period's end is listed as missing too. */
  dueAt: string;
  firstSubmittedAt: string | null;
  lastSubmittedAt: string | null;
  /** on_time, late or missing: the first submission against the week's deadline. */
  status: string;
}

export async function drillReportSubmissions(
  store: Store,
  asked: Asked,
  period: Period,
  query: ReportQuery,
  page: { cursor?: string; limit: number },
): Promise<Page<ReportDrillRow>> {
  const after = decodeCursor(page.cursor, [DAY, TEXT]);
  // Reports are by whole weeks: a week is asked for when its Monday lies among the period's weeks.
  if (query.weekStart && (query.weekStart < period.fromWeek || query.weekStart > period.toWeek)) throw new WeekOutsideError(query.weekStart, period);
  const found = await reportSubmissionRows(store, {
    ...asked.filter,
    from_week: query.weekStart ?? period.fromWeek,
    to_week: query.weekStart ?? period.toWeek,
    due_days: REPORT_DUE_DAYS_AFTER_WEEK_START,
    unit_level: query.level ?? '',
    status: query.status ?? '',
    after_week: after?.[0] ?? period.toWeek,
    after_code: after?.[1] ?? '',
    page_size: page.limit + 1,
  });
  const { rows, nextCursor } = paged(found, page.limit, (r) => [r.week_start, r.unit_code]);
  return {
    nextCursor,
    rows: rows.map((r) => ({
      unit: { code: r.unit_code, name: r.unit_name, level: r.unit_level },
      provinceCode: r.province_code,
      week: isoWeekOf(r.week_start),
      weekStart: r.week_start,
      dueAt: `${addDays(r.week_start, REPORT_DUE_DAYS_AFTER_WEEK_START)} 00:00:00`,
      firstSubmittedAt: r.first_submitted_at,
      lastSubmittedAt: r.last_submitted_at,
      status: r.report_status,
    })),
  };
}

// ---- opinion posts ----

export interface PostQuery {
  source?: string;
  topic?: string;
  sentiment?: string;
  weekStart?: string;
}

export interface PostDrillRow {
  id: string;
  source: string;
  sourceName: string;
  url: string;
  publishedAt: string;
  place: { provinceCode: string; communeCode: string; name: string | null };
  topic: string;
  sentiment: string;
  /** The text's first EXCERPT_CHARS characters, digits masked. */
  excerpt: string;
  engagement: { likes: number; shares: number; comments: number };
}

export async function drillPosts(
  store: Store,
  asked: Asked,
  period: Period,
  query: PostQuery,
  page: { cursor?: string; limit: number },
): Promise<Page<PostDrillRow>> {
  const after = decodeCursor(page.cursor, [TIME, TEXT]);
  const days = narrowToWeek(period, query.weekStart);
  const window = { from_time: `${days.from} 00:00:00`, to_time: `${addDays(days.to, 1)} 00:00:00` };
  const found = await postRows(store, {
    ...asked.filter,
    ...window,
    active_key: ACTIVE_MODEL_KEY,
    sources: query.source ? [query.source] : [],
    topics: labelKey(query.topic),
    sentiments: labelKey(query.sentiment),
    after_time: after?.[0] ?? window.from_time,
    after_id: after?.[1] ?? '',
    page_size: page.limit + 1,
  });
  const shown = paged(found, page.limit, (r) => [r.published_at, r.post_id]);
  const nextCursor = shown.nextCursor;
  // A label written twice before its merge comes twice, one after the other: shown once.
  const rows = shown.rows.filter((r, i, all) => i === 0 || all[i - 1]?.post_id !== r.post_id);
  const [details, named] = await Promise.all([
    rows.length === 0
      ? []
      : postDetails(store, {
          province_code: asked.filter.province_code,
          commune_code: asked.filter.commune_code,
          ...window,
          ids: rows.map((r) => r.post_id),
          excerpt_chars: EXCERPT_CHARS,
        }),
    namesOf(store, rows.map((r) => r.commune_code || r.province_code), period.to),
  ]);
  const detail = new Map(details.map((d) => [d.post_id, d]));
  return {
    nextCursor,
    rows: rows.map((r) => {
      const d = detail.get(r.post_id);
      const place = r.commune_code || r.province_code;
      return {
        id: r.post_id,
        source: r.source,
        sourceName: d?.source_name ?? '',
        url: d?.url ?? '',
        publishedAt: r.published_at,
        place: { provinceCode: r.province_code, communeCode: r.commune_code, name: place ? named(place).name : null },
        topic: labelOut(r.topic),
        sentiment: labelOut(r.sentiment),
        excerpt: d?.excerpt ?? '',
        engagement: { likes: d?.likes ?? 0, shares: d?.shares ?? 0, comments: d?.comments ?? 0 },
      };
    }),
  };
}

// ---- officers ----

export interface OfficerQuery {
  level?: string;
  organisation?: string;
  position?: string;
  gender?: string;
  ageBand?: string;
  /** yes (the default: what the roster figures count), no, or any. */
  active?: 'yes' | 'no' | 'any';
}

export interface OfficerDrillRow {
  unit: UnitSummary;
  provinceCode: string;
  communeCode: string;
  organisation: string;
  position: string;
  gender: string;
  /** The decade of birth, "1980-1989", or unknown: never the year itself. */
  birthYears: string;
  ageBand: string;
  active: boolean;
  updatedAt: string;
}

export async function drillOfficers(
  store: Store,
  asked: Asked,
  asOf: string,
  query: OfficerQuery,
  page: { cursor?: string; limit: number },
): Promise<Page<OfficerDrillRow>> {
  const after = decodeCursor(page.cursor, [TEXT, TEXT, TEXT, TEXT]) ?? ['', '', '', ''];
  const found = await officerRows(store, {
    ...asked.filter,
    as_of: asOf,
    unit_level: query.level ?? '',
    organisation: query.organisation ?? '',
    position: query.position ?? '',
    gender: query.gender ?? '',
    age_band: query.ageBand ?? '',
    active: query.active ?? 'yes',
    after_province: after[0] as string,
    after_commune: after[1] as string,
    after_unit: after[2] as string,
    after_id: after[3] as string,
    page_size: page.limit + 1,
  });
  const { rows, nextCursor } = paged(found, page.limit, (r) => [r.province_code, r.commune_code, r.unit_code, r.officer_id]);
  const named = await namesOf(store, rows.map((r) => r.unit_code), asOf);
  return {
    nextCursor,
    rows: rows.map((r) => ({
      unit: named(r.unit_code),
      provinceCode: r.province_code,
      communeCode: r.commune_code,
      organisation: r.organisation_code,
      position: r.position_code,
      gender: r.gender_code,
      birthYears: r.birth_years,
      ageBand: r.band,
      active: r.is_active === 1,
      updatedAt: r.updated_at,
    })),
  };
}
