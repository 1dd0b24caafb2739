/**
 * Petition handling of a unit (the user's own when none is given) over a period (from/to, the last 12 weeks by default):
 *   GET /api/petitions/counts          received, in progress, answered, overdue: in total, by level, topic, channel, week
 *   GET /api/petitions/handling-time   days to the first answer (median, 90th percentile, distribution) and the share within
 *                                      the deadline
 *   GET /api/petitions/overdue-units   the child places, or the holding units, with the most overdue petitions
 * Each is about the petitions received in the period (of one topic with `topic`), as they stood at its end. Aggregates
 * only: never a text or a contact.
 */
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DEFAULT_RANKED_UNITS,
  getHandlingTimes,
  getOverdueUnits,
  getPetitionCounts,
  MAX_RANKED_UNITS,
  RANK_BY,
} from '../../../analytics/questions/petitions.js';
import { HANDLING_LEVELS } from '../../../analytics/registry/vocabularies.js';
import { TOPICS } from '../../../analytics/nlp/taxonomy.js';
import { ScopedPeriod, scopedPeriod } from './params.js';
import { ErrorBody, oneOf, Unit } from './schemas.js';

const Errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 503: ErrorBody };
/** Unit, period, and the dashboards' topic filter: only petitions of one topic (the active labels'). */
const TopicPeriod = { ...ScopedPeriod, topic: Type.Optional(oneOf(TOPICS, 'only petitions of this topic')) };
const Level = oneOf(HANDLING_LEVELS);
const When = {
  unit: Unit,
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  stateAt: Type.String({ description: 'when the states were read: the end of the last day, or now; Vietnam time' }),
};

const Tally = {
  received: Type.Integer({ description: 'received in the period: every petition, each signature of a mass case' }),
  cases: Type.Integer({ description: 'of them, cases: a mass case (near-copies grouped at intake) once' }),
  inProgress: Type.Integer({ description: 'of them, not answered by its end' }),
  answered: Type.Integer({ description: 'of them, given a first answer by its end' }),
  overdue: Type.Integer({ description: 'of those in progress, past the deadline in force at the end' }),
};

const Counts = Type.Object({
  ...When,
  labelVersion: Type.String({ description: 'the label version topics come from' }),
  total: Type.Object(Tally),
  byLevel: Type.Array(Type.Object({ level: Level, ...Tally })),
  byTopic: Type.Array(Type.Object({ topic: Type.String({ description: 'topic code, or "unlabelled"' }), ...Tally })),
  byChannel: Type.Array(Type.Object({ channel: Type.String(), ...Tally })),
  byWeek: Type.Array(Type.Object({ week: Type.String({ description: 'ISO week of receipt' }), weekStart: Type.String(), ...Tally })),
});

const Days = Type.Union([Type.Number(), Type.Null()]);
const Handling = {
  received: Type.Integer(),
  inProgress: Type.Integer({ description: 'not answered by the end: outside the times, which count answers' }),
  answered: Type.Integer(),
  handlingDaysP50: Days,
  handlingDaysP90: Days,
  answeredOnTime: Type.Integer({ description: 'first answers at or before the deadline' }),
  onTimePct: Type.Number({ description: 'answeredOnTime of answered, in %' }),
};

const HandlingTime = Type.Object({
  ...When,
  total: Type.Object(Handling),
  byLevel: Type.Array(Type.Object({ level: Level, ...Handling })),
  distribution: Type.Array(Type.Object({ band: Type.String({ description: 'days to the first answer: 0-2, 3-7, 8-15, 16-30, 31-45, 46+' }), answered: Type.Integer() }), {
    description: 'petitions answered by the end, by days to their first answer (every band, zeros included)',
  }),
});

const OverdueUnits = Type.Object({
  ...When,
  by: oneOf(RANK_BY),
  unitsWithOverdue: Type.Integer(),
  units: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      unit: Unit,
      received: Type.Integer(),
      inProgress: Type.Integer(),
      overdue: Type.Integer(),
      overduePct: Type.Number({ description: 'overdue of in progress, in %' }),
      oldestDue: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

const petitions: FastifyPluginAsyncTypebox = async (app) => {
  const preHandler = [app.requireReady, app.authenticate];

  app.get(
    '/petitions/counts',
    { preHandler, schema: { querystring: Type.Object(TopicPeriod), response: { 200: Counts, ...Errors } } },
    async (request) => {
      const { unit, filter, period } = await scopedPeriod(app, request, request.query);
      return getPetitionCounts(app.store, { unit, filter, topic: request.query.topic }, period);
    },
  );

  app.get(
    '/petitions/handling-time',
    { preHandler, schema: { querystring: Type.Object(TopicPeriod), response: { 200: HandlingTime, ...Errors } } },
    async (request) => {
      const { unit, filter, period } = await scopedPeriod(app, request, request.query);
      return getHandlingTimes(app.store, { unit, filter, topic: request.query.topic }, period);
    },
  );

  app.get(
    '/petitions/overdue-units',
    {
      preHandler,
      schema: {
        querystring: Type.Object({
          ...TopicPeriod,
          by: Type.Optional(oneOf(RANK_BY, 'child: the places under the unit (the default); holder: the units holding the petitions')),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_RANKED_UNITS, description: `units listed, ${DEFAULT_RANKED_UNITS} by default` })),
        }),
        response: { 200: OverdueUnits, ...Errors },
      },
    },
    async (request) => {
      const { unit, filter, period } = await scopedPeriod(app, request, request.query);
      return getOverdueUnits(app.store, { unit, filter, topic: request.query.topic }, period, request.query.by ?? 'child', request.query.limit ?? DEFAULT_RANKED_UNITS);
    },
  );
};

export default petitions;
