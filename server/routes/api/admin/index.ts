/**
 * /api/admin: what local commands ask of the running server, since it alone may open the embedded store.
 *   POST /api/admin/migrate                 apply pending migrations
 *   POST /api/admin/units/import?file=…     load a registry file: the official list of units, or the table of former units
 *   POST /api/admin/nlp/relabel[?force=true] label every petition and post again with the shipped models
 *   GET  /api/admin/nlp/review-queue, POST /api/admin/nlp/reviews, POST /api/admin/nlp/export-reviews
 * Each takes the control token that the server leaves in DATA_DIR; the jobs that write go through the write line.
 */
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { migrate } from '../../../../analytics/store/migrate.js';
import { importRegistryFile } from '../../../../ingest/kinds/registry.js';
import { bufferSource, XLSX_MEDIA_TYPE } from '../../../../ingest/readers/index.js';
import { createAnnotator } from '../../../../analytics/nlp/annotate.js';
import { relabelAll } from '../../../../analytics/nlp/relabel.js';
import { activeVersion, exportReviews, recordCorrection, REVIEW_BELOW_CONFIDENCE, reviewQueue } from '../../../../analytics/nlp/reviews.js';
import { Day, ErrorBody, IngestSummary } from '../schemas.js';

export const TABLE_MEDIA_TYPES = ['text/csv', XLSX_MEDIA_TYPE, 'application/octet-stream'];
const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

const Change = Type.Object({ added: Type.Integer(), changed: Type.Integer(), closed: Type.Integer() });

const admin: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser(TABLE_MEDIA_TYPES, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) => done(null, body));
  app.addHook('onRequest', app.requireControlToken);

  app.post(
    '/migrate',
    { schema: { response: { 200: Type.Object({ applied: Type.Array(Type.Object({ version: Type.Integer(), name: Type.String() })), alreadyApplied: Type.Integer() }) } } },
    async () => migrate(app.store),
  );

  app.post(
    '/units/import',
    {
      preHandler: app.requireReady,
      bodyLimit: MAX_UPLOAD_BYTES,
      schema: {
        querystring: Type.Object({
          file: Type.String({ minLength: 1, description: 'the file name, for the summary and the format (.csv or .xlsx)' }),
          effective: Type.Optional(Day),
          sheet: Type.Optional(Type.String()),
          partial: Type.Optional(Type.Boolean()),
          allowMassClosing: Type.Optional(Type.Boolean()),
        }),
        response: {
          200: Type.Intersect([
            IngestSummary,
            Type.Object({ registry: Type.Optional(Type.Object({ effective: Type.String(), provinces: Change, communes: Type.Intersect([Change, Type.Object({ unchanged: Type.Integer() })]) })) }),
          ]),
          400: ErrorBody,
        },
      },
    },
    async (request) => {
      const q = request.query;
      return app.writes.run(`registry ${q.file}`, () => importRegistryFile(app.store, bufferSource(q.file, request.body as Buffer), {
        effective: q.effective,
        sheet: q.sheet,
        partial: q.partial,
        allowMassClosing: q.allowMassClosing,
        wayIn: 'http',
        startedBy: 'local-command',
      }));
    },
  );

  app.post(
    '/nlp/relabel',
    {
      preHandler: app.requireReady,
      schema: {
        querystring: Type.Object({ force: Type.Optional(Type.Boolean()) }),
        response: {
          200: Type.Object({ version: Type.String(), previous: Type.Union([Type.String(), Type.Null()]), petitions: Type.Integer(), posts: Type.Integer(), seconds: Type.Number() }),
          400: ErrorBody,
        },
      },
    },
    async (request) => app.writes.run('relabel', async () => relabelAll(app.store, await createAnnotator(app.store), { force: request.query.force === true })),
  );

  app.get(
    '/nlp/review-queue',
    { preHandler: app.requireReady, schema: { querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }) } },
    async (request) =>
      reviewQueue(app.store, {
        model_version: await activeVersion(app.store),
        max_confidence: REVIEW_BELOW_CONFIDENCE,
        province_code: '',
        item_kind: '',
        page_size: request.query.limit ?? 20,
        page_offset: 0,
      }),
  );

  app.post(
    '/nlp/reviews',
    {
      preHandler: app.requireReady,
      schema: {
        body: Type.Object({
          item_kind: Type.Union([Type.Literal('petition'), Type.Literal('post')]),
          item_id: Type.String(),
          task: Type.Union([Type.Literal('topic'), Type.Literal('sentiment')]),
          label: Type.String(),
          reviewer: Type.String({ minLength: 1 }),
        }),
        response: { 200: Type.Object({ recorded: Type.Boolean() }), 400: ErrorBody },
      },
    },
    async (request) => {
      await recordCorrection(app.store, request.body);
      return { recorded: true };
    },
  );

  app.post('/nlp/export-reviews', { preHandler: app.requireReady }, async () => exportReviews(app.store));
};

export default admin;
