/**
 * Full-text search over the opinion posts and petitions of a unit (the user's own when none is given) and period:
 *   GET /api/search?q=…&in=posts,petitions&limit=50
 * Diacritics and case are optional in the query; phrases in quotes are found whole. Newest first, with an excerpt and
 * where the terms stand in it. Petitions' titles and excerpts are masked (digits) for users of units that do not hold
 * them, and matched as masked: their digits cannot be searched by those users.
 */
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_HITS, search, SEARCH_KINDS, type SearchKind } from '../../../analytics/questions/search.js';
import type { AuthUser } from '../../plugins/app/auth.js';
import { HttpError } from '../../plugins/app/errors.js';
import { ScopedPeriod, scopedPeriod } from './params.js';
import { ErrorBody, oneOf, Unit } from './schemas.js';

const Nullable = (description?: string) => Type.Union([Type.String(), Type.Null()], description ? { description } : {});

const Answer = Type.Object({
  unit: Unit,
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  terms: Type.Array(Type.String(), { description: 'the terms looked for, without diacritics' }),
  totals: Type.Object({ posts: Type.Integer(), petitions: Type.Integer() }, { description: 'items found in all, before the list is cut' }),
  hits: Type.Array(
    Type.Object({
      kind: oneOf(SEARCH_KINDS),
      id: Type.String(),
      at: Type.String(),
      provinceCode: Type.String(),
      communeCode: Type.String(),
      topic: Type.String({ description: 'topic code of the active labels; "" = not labelled' }),
      sentiment: Type.String(),
      source: Type.String({ description: 'a post’s source, a petition’s channel' }),
      sourceName: Nullable(),
      url: Nullable(),
      title: Nullable('a petition’s title'),
      excerpt: Type.String(),
      highlights: Type.Array(Type.Tuple([Type.Integer(), Type.Integer()]), { description: '[start, end) of each match in the excerpt' }),
    }),
  ),
});

const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/search',
    {
      // A unit outside the user's scope answers 403 before the query's own checks answer 400, as elsewhere.
      preValidation: [app.requireReady, async (request) => void (await app.authorize(request, (request.query as { unit?: string }).unit, await app.referenceDate()))],
      schema: {
        querystring: Type.Object({
          ...ScopedPeriod,
          q: Type.String({ minLength: 1, maxLength: 200, description: 'words to find; "a phrase" in quotes' }),
          in: Type.Optional(Type.String({ pattern: '^(posts|petitions)(,(posts|petitions))?$', description: 'posts, petitions, or both (default)' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_HITS, description: 'hits returned, 50 by default' })),
        }),
        response: { 200: Answer, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 503: ErrorBody },
      },
    },
    async (request) => {
      const { unit, filter, period } = await scopedPeriod(app, request, request.query);
      const kinds = (request.query.in?.split(',') ?? SEARCH_KINDS) as SearchKind[];
      const scope = (request.user as AuthUser).scope;
      const answer = await search(app.store, { filter, from: period.from, to: period.to, query: request.query.q, kinds, limit: request.query.limit ?? 50, scope }).catch((error: Error) => {
        throw error.name === 'UserError' ? new HttpError(400, 'bad_request', error.message) : error;
      });
      return { unit: { code: unit.code, name: unit.name, level: unit.level }, period: { from: period.from, to: period.to }, ...answer };
    },
  );
};

export default searchRoutes;
