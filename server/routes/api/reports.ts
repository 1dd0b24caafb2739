/**
 * The weekly synthesis report of a unit (the user's own when none is given; 403 outside their scope) for an ISO week
 * (the latest whose reports were due by the data's reference day, when none is given): GET /api/reports/weekly (the
 * figures, as the printable page shows them) and /api/reports/weekly.xlsx (the same figures and the charts' data, one
 * sheet per section). Made for the nation, a province or a commune; a village is answered 400. Aggregates only.
 */
import { Type, type TInteger, type TProperties } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { addDays, mondayOf } from '../../../analytics/clock.js';
import { lastDueWeek } from '../../../analytics/questions/reporting.js';
import { getWeeklyReport, OFFICER_DIMENSIONS, REPORT_SERIES_WEEKS, type WeeklyReport } from '../../../analytics/questions/weekly-report.js';
import { WARNING_KINDS, type WarningKind } from '../../../analytics/questions/warnings.js';
import { HttpError } from '../../plugins/app/errors.js';
import { weeklyWorkbook } from '../../exports/weekly-workbook.js';
import { ErrorBody, oneOf, Unit, UnitCode } from './schemas.js';
import { XLSX_MEDIA_TYPE } from '../../../ingest/readers/index.js';
import { IsoWeek, readWeek } from './params.js';
import { ReportFigures, WeekRef } from './reporting.js';

const Query = Type.Object({
  unit: Type.Optional(UnitCode),
  week: Type.Optional(IsoWeek),
});

const CoverageLine = {
  communesTotal: Type.Integer(),
  communesWithVillageList: Type.Integer(),
  communesWithVillageListPct: Type.Number(),
  villagesCreated: Type.Integer(),
  villagesExpected: Type.Integer(),
  villagesCreatedPct: Type.Number(),
  communesRosterUpdated: Type.Integer(),
  communesRosterUpdatedPct: Type.Number(),
  officers: Type.Integer({ description: 'officers on the rosters counted, every level' }),
};

const Tally = {
  received: Type.Integer(),
  inProgress: Type.Integer({ description: 'not answered by asOf' }),
  answered: Type.Integer(),
  overdue: Type.Integer({ description: 'in progress and past the deadline at asOf' }),
};

const Sentiment = {
  items: Type.Integer(),
  negative: Type.Integer(),
  neutral: Type.Integer(),
  positive: Type.Integer(),
  netSentimentPct: Type.Number({ description: '(positive − negative) / items, in percent' }),
};

const Topic = Type.Object({ code: Type.String(), name: Type.String() });
const ReportWeek = Type.Object({ ...WeekRef, due: Type.Boolean(), ...ReportFigures });
const withUnit = (fields: TProperties) => Type.Object({ unit: Unit, ...fields });

const Report = Type.Object({
  unit: Unit,
  week: Type.Object({ ...WeekRef, weekEnd: Type.String({ description: 'its Sunday' }), dueAt: Type.String({ description: "the reports' deadline, Vietnam time" }) }),
  asOf: Type.String({ description: "the day the figures are read on: the week's Sunday, or the data's reference day when that comes first" }),
  madeAt: Type.String({ description: 'when the report was made, Vietnam time' }),
  period: Type.Object({ from: Type.String(), to: Type.String() }, { description: `the series: ${REPORT_SERIES_WEEKS} weeks up to asOf` }),
  coverage: Type.Object({ ...CoverageLine, provincesTotal: Type.Integer(), provincesRosterUpdated: Type.Integer(), children: Type.Array(withUnit(CoverageLine)) }),
  officers: Type.Object({
    officers: Type.Integer(),
    female: Type.Integer(),
    femalePct: Type.Number(),
    groups: Type.Array(
      Type.Object({ dimension: oneOf(OFFICER_DIMENSIONS), code: Type.String(), name: Type.String(), officers: Type.Integer(), female: Type.Integer(), sharePct: Type.Number() }),
    ),
  }),
  reporting: Type.Object({
    week: ReportWeek,
    weeks: Type.Array(ReportWeek),
    children: Type.Array(withUnit(ReportFigures)),
    missing: Type.Array(withUnit(ReportFigures), { description: 'the children with reports missing in the week, most missing first' }),
  }),
  petitions: Type.Object({
    week: Type.Object(Tally, { description: 'received in the week' }),
    period: Type.Object(Tally, { description: 'received over the period' }),
    handling: Type.Object({
      answered: Type.Integer(),
      handlingDaysP50: Type.Union([Type.Number(), Type.Null()]),
      handlingDaysP90: Type.Union([Type.Number(), Type.Null()]),
      answeredOnTime: Type.Integer(),
      onTimePct: Type.Number(),
    }),
    weeks: Type.Array(Type.Object({ ...WeekRef, ...Tally })),
    topics: Type.Array(Type.Object({ topic: Topic, ...Tally })),
  }),
  opinion: Type.Object({
    week: Type.Object(Sentiment),
    previousWeek: Type.Union([Type.Object(Sentiment), Type.Null()]),
    weeks: Type.Array(Type.Object({ ...WeekRef, ...Sentiment })),
    topTopics: Type.Array(Type.Object({ topic: Topic, ...Sentiment })),
  }),
  warnings: Type.Object({
    counts: Type.Object(Object.fromEntries(WARNING_KINDS.map((k) => [k, Type.Integer()])) as Record<WarningKind, TInteger>),
    items: Type.Array(Type.Object({ kind: oneOf(WARNING_KINDS), severity: oneOf(['high', 'medium', 'low'] as const), unit: Unit, reason: Type.String() })),
  }),
});

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 503: ErrorBody };

/** The report asked for: the week (default the latest due), not after the data's reference day, and the unit authorised. */
async function weeklyReport(app: FastifyInstance, request: FastifyRequest, query: { unit?: string; week?: string }): Promise<WeeklyReport> {
  const reference = await app.referenceDate();
  const weekStart = query.week === undefined ? lastDueWeek(reference) : readWeek(query.week);
  if (weekStart > mondayOf(reference)) throw new HttpError(400, 'bad_request', `week ${query.week} comes after the data's reference day ${reference}`);
  const weekEnd = addDays(weekStart, 6);
  const { unit, chain, filter } = await app.authorize(request, query.unit, weekEnd < reference ? weekEnd : reference);
  if (unit.level === 'village') {
    throw new HttpError(400, 'bad_request', `the weekly report is made down to communes: ask for the commune ${unit.commune_code} instead of the village ${unit.code}`);
  }
  return getWeeklyReport(app.store, { unit, chain, filter, weekStart, reference });
}

const reports: FastifyPluginAsyncTypebox = async (app) => {
  const preHandler = [app.requireReady, app.authenticate];

  app.get(
    '/reports/weekly',
    {
      preHandler,
      schema: {
        summary: 'The weekly synthesis report: coverage, rosters, weekly reporting, petitions, opinion and warnings of a unit for an ISO week',
        querystring: Query,
        response: { 200: Report, ...errors },
      },
    },
    async (request) => weeklyReport(app, request, request.query),
  );

  app.get(
    '/reports/weekly.xlsx',
    {
      preHandler,
      schema: {
        summary: 'The weekly synthesis report as an XLSX workbook, one sheet per section, with the figures and the charts’ data',
        querystring: Query,
        response: {
          200: { description: 'the workbook', content: { [XLSX_MEDIA_TYPE]: { schema: Type.String({ format: 'binary' }) } } },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const report = await weeklyReport(app, request, request.query);
      const file = `bao-cao-tuan-${report.unit.code}-${report.week.week}.xlsx`;
      const workbook = await weeklyWorkbook(report);
      // TRICKY: the type provider reads the 200 schema as JSON; a Buffer is sent as it is, never serialised.
      return reply.type(XLSX_MEDIA_TYPE).header('content-disposition', `attachment; filename="${file}"`).send(workbook as unknown as string);
    },
  );
};

export default reports;
