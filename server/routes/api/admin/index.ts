/**
 * /api/admin: what local commands ask of the running server, since it alone may open the embedded store.
 *   POST /api/admin/migrate                 apply pending migrations
 *   POST /api/admin/units/import?file=…     load an official list of provinces and communes (CSV or XLSX body)
 * Each takes the control token that the server leaves in DATA_DIR.
 */
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { migrate } from '../../../../analytics/store/migrate.js';
import { importOfficialUnits } from '../../../../ingest/kinds/official-units.js';
import { bufferSource } from '../../../../ingest/readers/index.js';
import { Day, ErrorBody } from '../schemas.js';

export const TABLE_MEDIA_TYPES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'];
const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

const IngestSummary = Type.Object({
  runId: Type.String(),
  kind: Type.String(),
  file: Type.String(),
  encoding: Type.String(),
  read: Type.Integer(),
  stored: Type.Integer(),
  duplicates: Type.Integer(),
  quarantined: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), field: Type.String(), message: Type.String() })),
});

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
          200: Type.Intersect([IngestSummary, Type.Object({ registry: Type.Object({ effective: Type.String(), provinces: Change, communes: Type.Intersect([Change, Type.Object({ unchanged: Type.Integer() })]) }) })]),
          400: ErrorBody,
        },
      },
    },
    async (request) => {
      const q = request.query;
      return importOfficialUnits(app.store, bufferSource(q.file, request.body as Buffer), {
        effective: q.effective,
        sheet: q.sheet,
        partial: q.partial,
        allowMassClosing: q.allowMassClosing,
        wayIn: 'http',
        startedBy: 'local-command',
      });
    },
  );
};

export default admin;
