/**
 * The public side of the petition system, no log-in:
 *   GET  /api/petitions/places        the provinces and cities to choose from; /places/:province, its communes
 *   GET  /api/petitions/challenge     a small sum to answer with the submission
 *   POST /api/petitions               a citizen's petition → its tracking code, once stored
 *   GET  /api/petitions/track/:code   where a submission stands, by its tracking code, and nothing else
 *   POST /api/petitions/track/:code/reply   the citizen's answer when the handling unit asked for more information
 * Floods are held off by a limit per address (INTAKE_PER_ADDRESS_HOUR), a body limit, the challenge and a field
 * people do not see (bots fill it). Every refusal says why, by field.
 */
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { checkSubmission, FIELD_MAX_CHARS, MAX_ATTACHMENTS, TEXT_MAX_CHARS, TITLE_MAX_CHARS } from '../../../ingest/intake/submission.js';
import { displayCode, petitionIdOf, readTrackingCode } from '../../../ingest/intake/tracking.js';
import type { AddressLimit } from '../../../ingest/intake/flood.js';
import type { Challenges } from '../../../ingest/intake/challenge.js';
import { citizenStatus } from '../../../analytics/handling/status.js';
import { citizenReply, REPLY_MAX_CHARS } from '../../../analytics/handling/actions.js';
import { HttpError } from '../../plugins/app/errors.js';
import { ErrorBody } from './schemas.js';

/** The whole request: the text at its longest in 4-byte characters, and the rest. */
const BODY_LIMIT = TEXT_MAX_CHARS * 4 + 32 * 1024;

const Faults = Type.Object({
  error: Type.String(),
  message: Type.String(),
  faults: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
});

const Short = (maxLength = FIELD_MAX_CHARS, description?: string) => Type.Optional(Type.String({ maxLength: maxLength * 2, ...(description ? { description } : {}) }));

const SubmissionBody = Type.Object({
  title: Short(TITLE_MAX_CHARS),
  text: Type.String({ maxLength: TEXT_MAX_CHARS * 2, description: `the petition, ${TEXT_MAX_CHARS.toLocaleString('en-US')} characters at most` }),
  provinceCode: Short(10, 'the province where the matter is, from the registry; omit to have it detected from the text'),
  communeCode: Short(10, 'the commune, ward or special zone where the matter is'),
  contact: Type.Optional(
    Type.Object({ name: Short(), phone: Short(30), idNumber: Short(30), address: Short(), email: Short() }, { description: 'optional; sealed at rest, seen only by the handling unit' }),
  ),
  consentContact: Type.Optional(Type.Boolean({ description: 'the citizen agrees to be contacted' })),
  attachments: Type.Optional(
    Type.Array(Type.Object({ name: Type.String({ maxLength: 400 }), type: Short(100), bytes: Type.Optional(Type.Integer()) }), {
      maxItems: MAX_ATTACHMENTS * 2,
      description: 'what the citizen will provide when asked; files are not uploaded here',
    }),
  ),
  challenge: Type.Object({ token: Type.String({ maxLength: 200 }), answer: Type.Union([Type.String({ maxLength: 10 }), Type.Integer()]) }),
  website: Type.Optional(Type.String({ maxLength: 200, description: 'leave empty (a field people do not see)' })),
});

const Status = Type.Object({
  code: Type.String({ description: 'the tracking code as printed, PA-XXXXX-XXXXX' }),
  submittedAt: Type.String(),
  status: Type.String({ description: 'queued (being sorted), then the latest handling status' }),
  statusText: Type.String(),
  holder: Type.Union([Type.Object({ level: Type.String(), name: Type.String() }), Type.Null()]),
  dueAt: Type.Union([Type.String(), Type.Null()]),
  answer: Type.Union([Type.String(), Type.Null()]),
  question: Type.Union([Type.String(), Type.Null()]),
  history: Type.Array(Type.Object({ at: Type.String(), status: Type.String(), text: Type.String() })),
});

const Place = Type.Object({ code: Type.String(), name: Type.String() });

type Fault = { field: string; message: string };

/** A refusal the form shows beside its fields. */
const refuse = (reply: FastifyReply, message: string, faults: Fault[]) => reply.status(400).send({ error: 'rejected', message, faults });

/** Counts a request against its address's limit: past it, 429 with Retry-After and the message for the minutes left. */
function holdOff(limit: AddressLimit, request: FastifyRequest, reply: FastifyReply, message: (minutes: number) => string): void {
  const wait = limit.take(request.ip);
  if (wait === 0) return;
  reply.header('retry-after', String(wait));
  throw new HttpError(429, 'too_many', message(Math.ceil(wait / 60)));
}

/** The challenge's refusal, when its answer is wrong, used or stale. */
function challengeFault(challenges: Challenges, given: { token: string; answer: string | number }): Fault | undefined {
  const checked = challenges.check(given.token, String(given.answer));
  return checked.ok ? undefined : { field: 'challenge', message: checked.message };
}

const notFound = (typed: string) => new HttpError(404, 'not_found', `Không tìm thấy đơn có mã ${typed}: hãy kiểm tra lại mã tra cứu.`);

const intake: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/petitions/places',
    { preHandler: [app.requireReady], schema: { tags: ['public'], response: { 200: Type.Object({ provinces: Type.Array(Place) }), 503: ErrorBody } } },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      const units = [...(await app.intake.units()).all()];
      return { provinces: units.filter((u) => u.level === 'province').map((u) => ({ code: u.code, name: u.name })).sort((a, b) => a.code.localeCompare(b.code)) };
    },
  );

  app.get(
    '/petitions/places/:province',
    {
      preHandler: [app.requireReady],
      schema: {
        tags: ['public'],
        params: Type.Object({ province: Type.String({ pattern: '^[0-9]{2}$' }) }),
        response: { 200: Type.Object({ communes: Type.Array(Place) }), 404: ErrorBody, 503: ErrorBody },
      },
    },
    async (request, reply) => {
      const units = [...(await app.intake.units()).all()];
      if (!units.some((u) => u.level === 'province' && u.code === request.params.province)) throw new HttpError(404, 'not_found', `Không có tỉnh, thành phố mã ${request.params.province}.`);
      reply.header('cache-control', 'public, max-age=3600');
      const communes = units.filter((u) => u.level === 'commune' && u.province_code === request.params.province);
      return { communes: communes.map((u) => ({ code: u.code, name: u.name })).sort((a, b) => a.name.localeCompare(b.name, 'vi')) };
    },
  );

  app.get(
    '/petitions/challenge',
    {
      schema: {
        tags: ['public'],
        response: { 200: Type.Object({ token: Type.String(), question: Type.String(), expiresAt: Type.String() }) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return app.intake.challenges.issue();
    },
  );

  app.post(
    '/petitions',
    {
      bodyLimit: BODY_LIMIT,
      preHandler: [app.requireReady],
      schema: {
        tags: ['public'],
        body: SubmissionBody,
        response: {
          201: Type.Object({ code: Type.String(), trackingCode: Type.String(), submittedAt: Type.String(), statusPath: Type.String() }),
          400: Faults,
          429: ErrorBody,
          503: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (body.website) return refuse(reply, 'Đơn không được nhận.', [{ field: 'website', message: 'trường này phải để trống' }]);
      holdOff(app.intake.submissions, request, reply, (minutes) => `Địa chỉ này đã gửi nhiều đơn trong một giờ; hãy gửi lại sau ${minutes} phút.`);
      const wrong = challengeFault(app.intake.challenges, body.challenge);
      if (wrong) return refuse(reply, `Chưa gửi được: ${wrong.message}.`, [wrong]);
      const checked = checkSubmission(body, { units: await app.intake.units(), sealer: app.sealer(), clientHash: app.intake.hashClient(request.ip) });
      if ('faults' in checked) return refuse(reply, `Chưa gửi được: ${checked.faults.map((f) => f.message).join('; ')}.`, checked.faults);
      try {
        await app.intake.submit(checked.row);
      } catch (error) {
        request.log.error(error, 'a submission could not be stored');
        throw new HttpError(503, 'not_stored', 'Đơn chưa được lưu do sự cố của hệ thống; xin hãy gửi lại sau ít phút.');
      }
      const code = displayCode(checked.row.tracking_code);
      return reply.status(201).send({ code, trackingCode: checked.row.tracking_code, submittedAt: checked.row.submitted_at, statusPath: `/tra-cuu/${code}` });
    },
  );

  app.get(
    '/petitions/track/:code',
    {
      preHandler: [app.requireReady],
      schema: {
        tags: ['public'],
        params: Type.Object({ code: Type.String({ maxLength: 40, description: 'the tracking code, PA-XXXXX-XXXXX (case and dashes do not matter)' }) }),
        response: { 200: Status, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      holdOff(app.intake.lookups, request, reply, () => 'Quá nhiều lượt tra cứu từ địa chỉ này; hãy thử lại sau.');
      const code = readTrackingCode(request.params.code);
      const status = code ? await citizenStatus(app.store, code) : undefined;
      if (!code || !status) throw notFound(request.params.code);
      reply.header('cache-control', 'no-store');
      return { code: displayCode(code), ...status };
    },
  );

  app.post(
    '/petitions/track/:code/reply',
    {
      bodyLimit: BODY_LIMIT,
      preHandler: [app.requireReady],
      schema: {
        tags: ['public'],
        params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
        body: Type.Object({
          text: Type.String({ maxLength: REPLY_MAX_CHARS * 2, description: 'the information asked for' }),
          challenge: SubmissionBody.properties.challenge,
        }),
        response: { 200: Type.Object({ status: Type.String(), eventAt: Type.String() }), 400: Faults, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      holdOff(app.intake.submissions, request, reply, (minutes) => `Địa chỉ này đã gửi nhiều lần trong một giờ; hãy gửi lại sau ${minutes} phút.`);
      const wrong = challengeFault(app.intake.challenges, request.body.challenge);
      if (wrong) return refuse(reply, `Chưa gửi được: ${wrong.message}.`, [wrong]);
      const code = readTrackingCode(request.params.code);
      if (!code) throw notFound(request.params.code);
      const outcome = await app.intake.handle(`reply ${code}`, () => citizenReply(app.store, petitionIdOf(code), request.body.text));
      if (!outcome.ok) {
        if (outcome.status === 400) return refuse(reply, outcome.message, [{ field: 'text', message: outcome.message }]);
        throw new HttpError(outcome.status, outcome.code, outcome.message);
      }
      return { status: outcome.status, eventAt: outcome.eventAt };
    },
  );
};

export default intake;
