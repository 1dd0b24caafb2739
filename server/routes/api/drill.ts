/**
 * Drill-through: the rows behind a figure, with the figure's unit, period and filters, a page at a time
 * (`limit` rows, at most 200; `cursor` from the page before):
 *   GET /api/drill/petitions           petitions (status, level, channel, topic, sentiment, week, holder, deadline): those
 *                                      of the unit's places and those a unit under it holds, wherever their matter lies
 *   GET /api/drill/villages            villages listed under a unit on a day (asOf, as coverage), with their officers
 *   GET /api/drill/report-submissions  weekly reports due from provinces and communes: on time, late or missing
 *   GET /api/drill/posts               opinion posts (source, topic, sentiment, week)
 *   GET /api/drill/officers            officers on the roster by the period’s end, without names, phones or e-mails
 * A petition's full text and its petitioner's contact come only to users of the unit holding it whose role handles
 * petitions (analytics/access/scope.ts mayReadContact), row by row; others get its title and a masked excerpt.
 */
import { Type, type TProperties } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DEFAULT_PAGE_SIZE,
  drillOfficers,
  drillPetitions,
  drillPosts,
  drillReportSubmissions,
  drillVillages,
  MAX_PAGE_SIZE,
} from '../../../analytics/questions/drill.js';
import { UNLABELLED } from '../../../analytics/questions/petitions.js';
import { SENTIMENTS, TOPICS } from '../../../analytics/nlp/taxonomy.js';
import { HANDLING_LEVELS, OPINION_SOURCES, ORGANISATIONS, PETITION_CHANNELS, POSITIONS } from '../../../analytics/registry/vocabularies.js';
import { isCalendarDay } from '../../../analytics/clock.js';
import type { AuthUser } from '../../plugins/app/auth.js';
import { HttpError } from '../../plugins/app/errors.js';
import { IsoWeek, readWeek, ScopedPeriod, scopedPeriod } from './params.js';
import { Day, ErrorBody, oneOf, Unit, UnitCode } from './schemas.js';

const Errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 503: ErrorBody };
const Paging = {
  cursor: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,1000}$', description: 'nextCursor of the page before' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, description: `rows per page, ${DEFAULT_PAGE_SIZE} by default` })),
};
const AsOf = { unit: Type.Optional(UnitCode), asOf: Type.Optional(Day) };
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** The answer of a drill endpoint: the unit, the rows and the cursor of the next page. */
const PageOf = <R extends TProperties, M extends TProperties>(row: R, more: M) =>
  Type.Object({
    unit: Unit,
    ...more,
    rows: Type.Array(Type.Object(row)),
    nextCursor: Nullable(Type.String({ description: 'send as cursor for the next page; null on the last' })),
  });

const Label = (values: readonly string[]) => oneOf([...values, UNLABELLED]);

const PetitionRow = {
  id: Type.String(),
  receivedAt: Type.String(),
  channel: Type.String(),
  place: Type.Object({ provinceCode: Type.String(), communeCode: Type.String(), villageCode: Type.String(), name: Nullable(Type.String()) }),
  level: Type.String({ description: 'the level holding it at the period’s end' }),
  holder: Unit,
  status: Type.String({ description: 'in_progress, answered or overdue at the period’s end' }),
  lastEvent: Type.String({ description: 'the last status of its history by then' }),
  dueAt: Type.String(),
  answeredAt: Nullable(Type.String()),
  topic: Type.String(),
  sentiment: Type.String(),
  title: Type.String(),
  excerpt: Type.String({ description: 'the start of the text, digits masked' }),
  text: Nullable(Type.String({ description: 'the full text: only for the unit holding the petition' })),
  consentContact: Type.Boolean(),
  contact: Nullable(
    Type.Object(
      {
        name: Nullable(Type.String()),
        phone: Nullable(Type.String()),
        idNumber: Nullable(Type.String()),
        address: Nullable(Type.String()),
        email: Nullable(Type.String()),
      },
      { description: 'only for users of the unit holding the petition, in a role that handles petitions' },
    ),
  ),
};

const VillageRow = {
  code: Type.String(),
  name: Type.String(),
  type: Type.String(),
  commune: Unit,
  provinceCode: Type.String(),
  listedFrom: Type.String(),
  officers: Type.Integer({ description: 'active village-level officers' }),
  rosterUpdatedAt: Nullable(Type.String()),
};

const ReportRow = {
  unit: Unit,
  provinceCode: Type.String(),
  week: Type.String(),
  weekStart: Type.String(),
  dueAt: Type.String({ description: 'the deadline; a week not due yet is listed as missing too, as the figures count it' }),
  firstSubmittedAt: Nullable(Type.String()),
  lastSubmittedAt: Nullable(Type.String()),
  status: Type.String({ description: 'on_time, late or missing' }),
};

const PostRow = {
  id: Type.String(),
  source: Type.String(),
  sourceName: Type.String(),
  url: Type.String(),
  publishedAt: Type.String(),
  place: Type.Object({ provinceCode: Type.String(), communeCode: Type.String(), name: Nullable(Type.String()) }),
  topic: Type.String(),
  sentiment: Type.String(),
  excerpt: Type.String({ description: 'the start of the text, digits masked' }),
  engagement: Type.Object({ likes: Type.Integer(), shares: Type.Integer(), comments: Type.Integer() }),
};

const OfficerRow = {
  unit: Unit,
  provinceCode: Type.String(),
  communeCode: Type.String(),
  organisation: Type.String(),
  position: Type.String(),
  gender: Type.String(),
  birthYears: Type.String({ description: 'decade of birth, e.g. 1980-1989, or unknown' }),
  ageBand: Type.String(),
  active: Type.Boolean(),
  updatedAt: Type.String(),
};

const PeriodOut = { period: Type.Object({ from: Type.String(), to: Type.String() }) };

/** The day a roster or village figure describes: asked, or the data's reference day. */
async function dayOf(asOf: string | undefined, reference: () => Promise<string>): Promise<string> {
  const day = asOf ?? (await reference());
  if (!isCalendarDay(day)) throw new HttpError(400, 'bad_request', `asOf "${day}" is not a calendar day`);
  return day;
}

const drill: FastifyPluginAsyncTypebox = async (app) => {
  const preHandler = [app.requireReady, app.authenticate];
  const page = (q: { cursor?: string; limit?: number }) => ({ cursor: q.cursor, limit: q.limit ?? DEFAULT_PAGE_SIZE });
  const withWeek = <Q extends { week?: string }>(q: Q) => ({ ...q, weekStart: q.week === undefined ? undefined : readWeek(q.week) });

  app.get(
    '/drill/petitions',
    {
      preHandler,
      schema: {
        querystring: Type.Object({
          ...ScopedPeriod,
          status: Type.Optional(oneOf(['received', 'in_progress', 'answered', 'overdue'] as const, 'the state at the period’s end; received = all')),
          level: Type.Optional(oneOf(HANDLING_LEVELS)),
          channel: Type.Optional(oneOf(Object.keys(PETITION_CHANNELS))),
          topic: Type.Optional(Label(TOPICS)),
          sentiment: Type.Optional(Label(SENTIMENTS)),
          week: Type.Optional(IsoWeek),
          holder: Type.Optional(UnitCode),
          deadline: Type.Optional(oneOf(['met', 'missed'] as const, 'answered within the deadline, or after it')),
          ...Paging,
        }),
        response: { 200: PageOf(PetitionRow, { ...PeriodOut, stateAt: Type.String() }), ...Errors },
      },
    },
    async (request) => {
      const q = request.query;
      const { unit, filter, period } = await scopedPeriod(app, request, q);
      const reader = { scope: (request.user as AuthUser).scope, open: (sealed: string) => app.sealer().open(sealed) };
      const answer = await drillPetitions(app.store, { unit, filter }, period, withWeek(q), page(q), reader);
      return { unit, period: { from: period.from, to: period.to }, ...answer };
    },
  );

  app.get(
    '/drill/villages',
    {
      preHandler,
      schema: { querystring: Type.Object({ ...AsOf, ...Paging }), response: { 200: PageOf(VillageRow, { asOf: Type.String() }), ...Errors } },
    },
    async (request) => {
      const asOf = await dayOf(request.query.asOf, app.referenceDate);
      const { unit, filter } = await app.authorize(request, request.query.unit, asOf);
      return { unit, asOf, ...(await drillVillages(app.store, { unit, filter }, asOf, page(request.query))) };
    },
  );

  app.get(
    '/drill/report-submissions',
    {
      preHandler,
      schema: {
        querystring: Type.Object({
          ...ScopedPeriod,
          week: Type.Optional(IsoWeek),
          level: Type.Optional(oneOf(['province', 'commune'] as const)),
          status: Type.Optional(oneOf(['on_time', 'late', 'missing'] as const)),
          ...Paging,
        }),
        response: { 200: PageOf(ReportRow, PeriodOut), ...Errors },
      },
    },
    async (request) => {
      const q = request.query;
      const { unit, filter, period } = await scopedPeriod(app, request, q);
      return { unit, period: { from: period.from, to: period.to }, ...(await drillReportSubmissions(app.store, { unit, filter }, period, withWeek(q), page(q))) };
    },
  );

  app.get(
    '/drill/posts',
    {
      preHandler,
      schema: {
        querystring: Type.Object({
          ...ScopedPeriod,
          source: Type.Optional(oneOf(Object.keys(OPINION_SOURCES))),
          topic: Type.Optional(Label(TOPICS)),
          sentiment: Type.Optional(Label(SENTIMENTS)),
          week: Type.Optional(IsoWeek),
          ...Paging,
        }),
        response: { 200: PageOf(PostRow, PeriodOut), ...Errors },
      },
    },
    async (request) => {
      const q = request.query;
      const { unit, filter, period } = await scopedPeriod(app, request, q);
      return { unit, period: { from: period.from, to: period.to }, ...(await drillPosts(app.store, { unit, filter }, period, withWeek(q), page(q))) };
    },
  );

  app.get(
    '/drill/officers',
    {
      preHandler,
      schema: {
        querystring: Type.Object({
          ...ScopedPeriod,
          level: Type.Optional(oneOf(['province', 'commune', 'village'] as const)),
          organisation: Type.Optional(oneOf(Object.keys(ORGANISATIONS))),
          position: Type.Optional(oneOf(Object.keys(POSITIONS))),
          gender: Type.Optional(oneOf(['male', 'female', 'unknown'] as const)),
          ageBand: Type.Optional(oneOf(['under_30', '30_39', '40_49', '50_59', '60_plus', 'unknown'] as const)),
          active: Type.Optional(oneOf(['yes', 'no', 'any'] as const, 'yes (the default) counts as the roster figures do')),
          ...Paging,
        }),
        response: { 200: PageOf(OfficerRow, { asOf: Type.String() }), ...Errors },
      },
    },
    async (request) => {
      // As the roster figures count them: recorded by the period's last day.
      const { unit, filter, period } = await scopedPeriod(app, request, request.query);
      return { unit, asOf: period.to, ...(await drillOfficers(app.store, { unit, filter }, period.to, request.query, page(request.query))) };
    },
  );
};

export default drill;
