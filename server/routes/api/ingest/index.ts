/**
 * /api/ingest: files of every kind, and what became of them.
 *   POST /api/ingest/:kind?file=NAME[&format=&sheet=&encoding=&resubmit=RUN]   the file as the body, read as it arrives
 *   GET  /api/ingest/runs[?kind=&limit=]                                       the latest runs
 *   GET  /api/ingest/runs/:run[?limit=&personal=true]                          a run and its quarantined rows
 *   GET  /api/ingest/runs/:run/correction.csv[?personal=true]                  the rows to correct and re-submit
 *   GET  /api/ingest/schedules                                                 the inbox and the feeds: last and next run
 *   POST /api/ingest/schedules/:name/run                                       run one now (e.g. "inbox", "feed:bao-ha-tinh")
 * Who may: admin and central users load any unit's data; province and commune users load their own area's, and rows
 * of other units in their files are quarantined ("outside your scope"); analysts read. Runs are seen by admin and
 * central users, and by whoever started them; petitioners' contacts in a quarantine are opened only for the uploader
 * (or a local command). Writing jobs go through the server's write line, one after another.
 */
import { Readable, Transform } from 'node:stream';
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { ingestFile } from '../../../../ingest/pipeline/ingest.js';
import { correctionFile, findRun, quarantinedRows, recentRuns, UnknownRunError } from '../../../../ingest/pipeline/quarantine.js';
import type { QuarantinedRow, RunRecord } from '../../../../ingest/pipeline/run.js';
import type { Scope } from '../../../../analytics/access/scope.js';
import type { UnitRef } from '../../../../analytics/queries/registry.js';
import type { AuthUser } from '../../../plugins/app/auth.js';
import { detectFormat, MEDIA_TYPES, streamSource, XLSX_MEDIA_TYPE, type TableFormat } from '../../../../ingest/readers/index.js';
import { templateWorkbook } from '../../../../ingest/samples/template.js';
import { DECLARABLE_ENCODINGS, type DeclaredEncoding } from '../../../../ingest/readers/decode.js';
import { INGEST_KINDS, isIngestKind, type IngestKind } from '../../../../ingest/kinds/spec.js';
import { describeKinds } from '../../../../ingest/kinds/index.js';
import { HttpError } from '../../../plugins/app/errors.js';
import { LANGS } from '../../../../ingest/faults.js';
import { ErrorBody, IngestSummary, oneOf } from '../schemas.js';

const UPLOAD_TYPES = [...Object.keys(MEDIA_TYPES), 'application/octet-stream'];

const Kind = Type.Union(INGEST_KINDS.map((k) => Type.Literal(k)));
const RunId = Type.String({ pattern: '^[0-9]{8}-[0-9]{6}-[0-9a-f]{6}$', description: 'a run id, such as 20250916-081502-3fa9c1' });

const Run = Type.Object({
  run_id: Type.String(),
  kind: Type.String(),
  file: Type.String(),
  way_in: Type.String(),
  encoding: Type.String(),
  status: Type.String({ description: 'running, done, failed or interrupted' }),
  read: Type.Integer(),
  stored: Type.Integer(),
  duplicates: Type.Integer(),
  quarantined: Type.Integer(),
  resolved: Type.Optional(Type.Integer({ description: 'quarantined rows stored since by a re-submission' })),
  message: Type.String(),
  started_by: Type.String(),
  started_at: Type.String(),
  updated_at: Type.String(),
});

const QuarantinedRowSchema = Type.Object({
  row: Type.Integer(),
  field: Type.String(),
  reason: Type.String(),
  values: Type.Record(Type.String(), Type.String()),
  resolvedBy: Type.String(),
  /** While unresolved, the re-submission that quarantined the row again, and its row there. */
  resentIn: Type.Union([Type.Object({ run: Type.String(), row: Type.Integer() }), Type.Null()]),
  personalHidden: Type.Boolean(),
});

/** The kind named in the address, or 404. */
function kindOf(name: string): IngestKind {
  if (!isIngestKind(name)) throw new HttpError(404, 'not_found', `no kind of data "${name}"; the kinds are ${INGEST_KINDS.join(', ')}`);
  return name;
}

/** The upload's media type, without its parameters. */
function mediaTypeOf(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * The upload's format: as declared, else from the media type, else from the file name. text/plain says only that it is
 * text: a .jsonl file sent so is JSON Lines, by its name.
 */
function formatOf(request: FastifyRequest, declared: TableFormat | undefined, file: string): TableFormat {
  if (declared) return declared;
  const type = mediaTypeOf(request);
  return (type === 'text/plain' ? undefined : MEDIA_TYPES[type]) ?? detectFormat(file);
}

/** A charset in the media type (text/csv; charset=windows-1258) declares the encoding unless the query does. */
function charsetOf(request: FastifyRequest): DeclaredEncoding | undefined {
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  const name = charset === 'utf8' ? 'utf-8' : charset;
  return (DECLARABLE_ENCODINGS as readonly string[]).includes(name ?? '') ? (name as DeclaredEncoding) : undefined;
}

/** Counts the bytes as they pass and stops the upload past the limit (a body sent without its length). */
function limitBytes(limit: number, file: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(HttpError.refusal(413, 'too_large', file, { code: 'upload_over_limit', params: { limit } }));
      else done(null, chunk);
    },
  });
}

/** The language of the rows' faults in an answer (ingest/faults.ts): English unless asked. */
const Lang = Type.Optional(oneOf(LANGS, "the language of the rows' reasons (default en)"));

const ingest: FastifyPluginAsyncTypebox = async (app) => {
  // The body is handed on as a stream: the readers take it as it arrives, whatever its size. Any media type is taken
  // here (JSON and plain text too, which Fastify would parse), so that a wrong one is answered by the route with the
  // types an upload may be sent as, not by Fastify's bare 415 or its JSON parser's error.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  app.addHook('preHandler', app.requireReady);
  const writers = app.requireRole('admin', 'central', 'province', 'commune');
  const readers = app.requireRole('admin', 'central', 'province', 'commune', 'analyst');
  const seesAll = (user: AuthUser) => user.role === 'admin' || user.role === 'central';
  /** The run, if this user may see it (404 otherwise: another user's run is not confirmed to exist). */
  const visibleRun = async (request: FastifyRequest, runId: string): Promise<RunRecord> => {
    const user = request.user as AuthUser;
    const run = await findRun(app.store, runId);
    if (!seesAll(user) && run.started_by !== user.login) throw new UnknownRunError(runId);
    return run;
  };
  /** Contacts in a quarantine: for the uploader or a local command, never for other users. */
  const contactSealer = (request: FastifyRequest, run: RunRecord, asked: boolean | undefined) => {
    const user = request.user as AuthUser;
    return asked && (user.via === 'control' || run.started_by === user.login) ? app.sealer() : undefined;
  };

  app.post(
    '/:kind',
    {
      preHandler: writers,
      schema: {
        params: Type.Object({ kind: Type.String() }),
        querystring: Type.Object({
          file: Type.String({ minLength: 1, maxLength: 500, description: 'the file name, shown in the summary and the quarantine' }),
          format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx'), Type.Literal('jsonl')])),
          sheet: Type.Optional(Type.String({ description: 'XLSX: the sheet to read (default: the first)' })),
          encoding: Type.Optional(Type.Union(DECLARABLE_ENCODINGS.map((e) => Type.Literal(e)))),
          resubmit: Type.Optional(RunId),
          lang: Lang,
        }),
        response: { 200: IngestSummary, 400: ErrorBody, 404: ErrorBody, 413: ErrorBody },
      },
    },
    async (request) => {
      const kind = kindOf(request.params.kind);
      // The name is only a label here (shown in summaries and runs): NFC, as a Mac's browser sends it decomposed.
      const q = { ...request.query, file: request.query.file.normalize('NFC') };
      const declared = Number(request.headers['content-length']);
      if (declared > app.config.ingestMaxBytes) {
        throw HttpError.refusal(413, 'too_large', q.file, { code: 'upload_declared_over_limit', params: { bytes: declared, limit: app.config.ingestMaxBytes } });
      }
      const type = mediaTypeOf(request);
      if (!UPLOAD_TYPES.includes(type) || !(request.body instanceof Readable)) {
        if (request.body instanceof Readable) request.body.resume(); // read and dropped, so the answer is heard
        throw HttpError.refusal(415, 'unsupported_media_type', q.file, { code: 'upload_media_type', params: { type: type || '(none)', types: UPLOAD_TYPES.join(', ') } });
      }
      const user = request.user as AuthUser;
      if (q.resubmit) await visibleRun(request, q.resubmit);
      const home = user.scope.unit as Partial<UnitRef> & Scope['unit'];
      const scope =
        home.level === 'province' || home.level === 'commune'
          ? { province_code: home.province_code, commune_code: home.level === 'commune' ? home.code : '', name: `${home.name ?? home.code} (${home.code})` }
          : undefined;
      const body = request.body.pipe(limitBytes(app.config.ingestMaxBytes, q.file));
      request.body.on('error', (error) => body.destroy(error));
      const source = streamSource(q.file, body, Number.isFinite(declared) ? declared : undefined);
      return app.writes.run(`${kind} ${q.file}`, () =>
        ingestFile(app.store, kind, source, {
          format: formatOf(request, q.format, q.file),
          sheet: q.sheet,
          encoding: q.encoding ?? charsetOf(request),
          resubmitOf: q.resubmit,
          wayIn: 'http',
          startedBy: user.login,
          sealer: app.sealer(),
          scope,
          lang: q.lang,
        }),
      );
    },
  );

  const KindDescription = Type.Object({
    kind: Type.String(),
    name: Type.Object({ vi: Type.String(), en: Type.String() }),
    columns: Type.Array(Type.Object({ field: Type.String(), name: Type.String({ description: 'the name files most often give it' }), required: Type.Boolean() })),
  });
  const Kinds = Type.Object({
    kinds: Type.Array(KindDescription),
    encodings: Type.Array(Type.String(), { description: 'the encodings a file may be declared in (encoding=, or charset= in its media type)' }),
  });
  app.get('/kinds', { preHandler: readers, schema: { response: { 200: Kinds } } }, async () => ({ kinds: describeKinds(), encodings: [...DECLARABLE_ENCODINGS] }));

  app.get(
    '/template/:kind',
    { preHandler: writers, schema: { params: Type.Object({ kind: Type.String() }) } },
    async (request, reply) => {
      const kind = kindOf(request.params.kind);
      return reply
        .type(XLSX_MEDIA_TYPE)
        .header('content-disposition', `attachment; filename="mau-${kind}.xlsx"`)
        .send(await templateWorkbook(kind));
    },
  );

  app.get(
    '/runs',
    {
      preHandler: readers,
      schema: {
        querystring: Type.Object({ kind: Type.Optional(Kind), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }),
        response: { 200: Type.Object({ runs: Type.Array(Run) }) },
      },
    },
    async (request) => {
      const user = request.user as AuthUser;
      return { runs: await recentRuns(app.store, { kind: request.query.kind ?? '', started_by: seesAll(user) ? '' : user.login, limit: request.query.limit ?? 50 }) };
    },
  );

  app.get(
    '/runs/:run',
    {
      preHandler: readers,
      schema: {
        params: Type.Object({ run: RunId }),
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
          personal: Type.Optional(Type.Boolean({ description: "open petitioners' contact details (the handling unit only)" })),
          lang: Lang,
        }),
        response: { 200: Type.Object({ run: Run, rows: Type.Array(QuarantinedRowSchema) }), 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const run = await visibleRun(request, request.params.run);
      const limit = request.query.limit ?? 100;
      const rows: QuarantinedRow[] = [];
      for await (const r of quarantinedRows(app.store, run.run_id, contactSealer(request, run, request.query.personal), request.query.lang)) {
        rows.push(r);
        if (rows.length >= limit) break;
      }
      return { run, rows };
    },
  );

  app.get(
    '/runs/:run/correction.csv',
    {
      preHandler: readers,
      schema: {
        params: Type.Object({ run: RunId }),
        querystring: Type.Object({ personal: Type.Optional(Type.Boolean()), lang: Lang }),
      },
    },
    async (request, reply) => {
      const run = await visibleRun(request, request.params.run);
      const chunks = correctionFile(app.store, run.run_id, contactSealer(request, run, request.query.personal), request.query.lang);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="quarantine-${run.run_id}.csv"`)
        .send(Readable.from(chunks));
    },
  );

  const Schedule = Type.Object({
    name: Type.String(),
    schedule: Type.String(),
    nextRun: Type.Union([Type.String(), Type.Null()]),
    lastRun: Type.Union([Type.Object({ at: Type.String(), ok: Type.Boolean(), message: Type.String() }), Type.Null()]),
  });

  const admins = app.requireRole('admin');
  app.get('/schedules', { preHandler: readers, schema: { response: { 200: Type.Object({ schedules: Type.Array(Schedule) }) } } }, async () => ({ schedules: app.schedules.status() }));

  app.post(
    '/schedules/:name/run',
    { preHandler: admins, schema: { params: Type.Object({ name: Type.String() }), response: { 200: Schedule, 404: ErrorBody } } },
    async (request) => {
      const found = app.schedules.status().find((s) => s.name === request.params.name);
      if (!found) throw new HttpError(404, 'not_found', `no scheduled job "${request.params.name}"; see GET /api/ingest/schedules`);
      await app.schedules.runNow(found.name);
      return app.schedules.status().find((s) => s.name === found.name) as typeof found;
    },
  );
};

export default ingest;
