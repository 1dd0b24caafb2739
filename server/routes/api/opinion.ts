/**
 * Public opinion of a unit (the user's own when none is given; 403 outside their scope), from the NLP labels of posts,
 * and of petitions too with kind=all:
 *   GET /api/opinion/trends?unit&from&to&kind      volume and sentiment by topic over ISO weeks, and by child place
 *   GET /api/opinion/keywords?unit&week&kind&limit  keywords rising in a week against the four weeks before it
 *   GET /api/opinion/spikes?unit&week&kind&sentiment  topics and child places far above their usual level in a week
 * Posts are placed by commune at most, so a village is answered 400.
 */
import { Type } from 'typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { addDays, mondayOf } from '../../../analytics/clock.js';
import { getOpinionTrend, getRisingKeywords, getSpikes } from '../../../analytics/questions/opinion.js';
import { TOPICS } from '../../../analytics/nlp/taxonomy.js';
import type { Authorized } from '../../plugins/app/auth.js';
import { HttpError } from '../../plugins/app/errors.js';
import { IsoWeek, readWeek, scopedPeriod, ScopedPeriod } from './params.js';
import { ErrorBody, oneOf, Unit, UnitCode } from './schemas.js';

const Kind = oneOf(['posts', 'all'] as const, 'posts (default), or all: posts and petitions');
const Kinds = Type.Array(oneOf(['post', 'petition'] as const));
const Errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 503: ErrorBody };

const Sentiment = {
  items: Type.Integer(),
  negative: Type.Integer(),
  neutral: Type.Integer(),
  positive: Type.Integer(),
  netSentimentPct: Type.Number({ description: '(positive − negative) / items × 100; 0 without items' }),
};
const Week = Type.Object({ week: Type.String({ description: 'ISO week, 2025-W38' }), weekStart: Type.String({ description: 'its Monday' }), ...Sentiment });
const Topic = Type.Object({ code: Type.String(), name: Type.String() });

const Trend = Type.Object({
  unit: Unit,
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  kinds: Kinds,
  labelVersion: Type.String(),
  total: Type.Object(Sentiment),
  byWeek: Type.Array(Week, { description: 'every ISO week the period touches; the first and last count only its days' }),
  byTopic: Type.Array(Type.Object({ topic: Topic, ...Sentiment, weeks: Type.Array(Week) })),
  byPlace: Type.Array(
    Type.Object({ unit: Type.Union([Unit, Type.Null()], { description: 'null = place under the unit not known' }), ...Sentiment, mainTopic: Type.Union([Topic, Type.Null()]) }),
    { description: 'provinces of the country, communes of a province; none under a commune' },
  ),
});

const Keywords = Type.Object({
  unit: Unit,
  week: Type.String(),
  weekStart: Type.String(),
  baseline: Type.Object({ fromWeek: Type.String(), toWeek: Type.String(), weeks: Type.Integer() }),
  kinds: Kinds,
  labelVersion: Type.String(),
  texts: Type.Object({ current: Type.Integer(), baseline: Type.Integer() }),
  keywords: Type.Array(
    Type.Object({
      keyword: Type.String({ description: 'as written in the texts behind it' }),
      term: Type.String({ description: 'folded, as counted' }),
      current: Type.Integer({ description: 'texts of the week holding it' }),
      baseline: Type.Integer({ description: 'texts of the baseline weeks holding it' }),
      ratio: Type.Number({ description: 'times more often per text than in the baseline' }),
      score: Type.Number({ description: "Dunning's log-likelihood ratio G²; ≥ 3.84 = significant at 5 %" }),
    }),
  ),
});

const Severity = oneOf(['high', 'medium', 'low'] as const);
const Spikes = Type.Object({
  unit: Unit,
  week: Type.String(),
  weekStart: Type.String(),
  days: Type.Integer({ description: 'days of each week compared, from Monday: 7, or up to the reference day in its own week' }),
  kinds: Kinds,
  negativeOnly: Type.Boolean(),
  labelVersion: Type.String(),
  rule: Type.Object(
    {
      baselineWeeks: Type.Integer(),
      minItems: Type.Integer(),
      minZ: Type.Number(),
      minRatio: Type.Number(),
      high: Type.Object({ z: Type.Number(), ratio: Type.Number() }),
      medium: Type.Object({ z: Type.Number(), ratio: Type.Number() }),
    },
    { description: 'a spike: count ≥ minItems, z = (count − usual) / max(spread, √usual) ≥ minZ and count ≥ minRatio × usual; usual = median of the baseline weeks, spread = 1.4826 × their median absolute deviation' },
  ),
  spikes: Type.Array(
    Type.Object({
      kind: oneOf(['topic', 'place'] as const),
      topic: Type.Union([Topic, Type.Null()]),
      place: Type.Union([Unit, Type.Null()]),
      severity: Severity,
      current: Type.Integer(),
      usual: Type.Number({ description: 'median of the baseline weeks' }),
      spread: Type.Number({ description: '1.4826 × median absolute deviation of the baseline weeks' }),
      z: Type.Number(),
      ratio: Type.Number(),
      baselineWeeks: Type.Array(Type.Integer(), { description: 'the baseline weeks, oldest first' }),
      drivers: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), current: Type.Integer(), usual: Type.Number() })),
      examples: Type.Array(
        Type.Object({ source: Type.String(), url: Type.String(), publishedAt: Type.String(), excerpt: Type.String(), engagement: Type.Integer() }),
      ),
    }),
  ),
});

const WeekQuery = {
  unit: Type.Optional(UnitCode),
  week: Type.Optional(IsoWeek),
  kind: Type.Optional(Kind),
};

/** Opinion is placed by commune at most. */
function noVillage<T extends Pick<Authorized, 'unit'>>(authorized: T): T {
  const { unit } = authorized;
  if (unit.level === 'village') {
    throw new HttpError(400, 'bad_request', `opinion is placed by commune at most: ask for the commune ${unit.commune_code} instead of the village ${unit.code}`);
  }
  return authorized;
}

/** The week asked for (default: the reference day's), never after the reference day, and the unit authorised on it. */
async function scopedWeek(app: FastifyInstance, request: FastifyRequest, query: { unit?: string; week?: string }) {
  const reference = await app.referenceDate();
  const weekStart = query.week ? readWeek(query.week) : mondayOf(reference);
  if (weekStart > reference) throw new HttpError(400, 'bad_request', `week ${query.week} starts after the data's reference day ${reference}`);
  const lastDay = addDays(weekStart, 6) < reference ? addDays(weekStart, 6) : reference;
  return { ...noVillage(await app.authorize(request, query.unit, lastDay)), weekStart, reference };
}

const opinion: FastifyPluginAsyncTypebox = async (app) => {
  const preHandler = [app.requireReady, app.authenticate];

  app.get(
    '/opinion/trends',
    {
      preHandler,
      schema: {
        querystring: Type.Object({ ...ScopedPeriod, kind: Type.Optional(Kind), topic: Type.Optional(oneOf(TOPICS, 'only items of this topic')) }),
        response: { 200: Trend, ...Errors },
      },
    },
    async (request) => {
      const { unit, filter, period } = noVillage(await scopedPeriod(app, request, request.query));
      return getOpinionTrend(app.store, { unit, filter, period, withPetitions: request.query.kind === 'all', topic: request.query.topic });
    },
  );

  app.get(
    '/opinion/keywords',
    {
      preHandler,
      schema: {
        querystring: Type.Object({ ...WeekQuery, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })) }),
        response: { 200: Keywords, ...Errors },
      },
    },
    async (request) => {
      const { unit, filter, weekStart } = await scopedWeek(app, request, request.query);
      return getRisingKeywords(app.store, { unit, filter, weekStart, withPetitions: request.query.kind === 'all', limit: request.query.limit ?? 10 });
    },
  );

  app.get(
    '/opinion/spikes',
    {
      preHandler,
      schema: {
        querystring: Type.Object({ ...WeekQuery, sentiment: Type.Optional(oneOf(['all', 'negative'] as const, 'all (default), or negative items only')) }),
        response: { 200: Spikes, ...Errors },
      },
    },
    async (request) => {
      const { unit, filter, weekStart, reference } = await scopedWeek(app, request, request.query);
      return getSpikes(app.store, {
        unit,
        filter,
        weekStart,
        referenceDate: reference,
        withPetitions: request.query.kind === 'all',
        negativeOnly: request.query.sentiment === 'negative',
      });
    },
  );
};

export default opinion;
