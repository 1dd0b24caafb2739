/**
 * Handling petitions from the public form, for users of the unit that holds them (roles central, province, commune):
 *   GET  /api/petitions/queue                  the cases the user's unit holds, mass cases as one line, overdue first
 *   GET  /api/petitions/cases/:id              one case: text, contact, routing decision, history
 *   POST /api/petitions/cases/:id/actions      accept, transfer, request_info, answer, close, reopen
 * And the routing rules and deadlines, read by handlers and edited by admins:
 *   GET  /api/petitions/routing                the rules in order and the deadlines per topic
 *   PUT  /api/petitions/routing/rules/:id      add or change a rule     DELETE the same: remove it
 *   PUT  /api/petitions/routing/deadlines/:topic   { answerDays } (null = the level's default)
 */
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actOnCase, ACTIONS, NOTE_MAX_CHARS, PARTNER_MAX_CHARS } from '../../../analytics/handling/actions.js';
import { readCase, unitCases } from '../../../analytics/handling/cases.js';
import { checkRule, loadRouting, MAX_ANSWER_DAYS, RULE_PLACES, saveDeadline, saveRule } from '../../../analytics/handling/rules.js';
import { resolveUnit } from '../../../analytics/questions/coverage.js';
import { ANSWER_DAYS, HANDLING_LEVELS } from '../../../analytics/registry/vocabularies.js';
import { TOPICS } from '../../../analytics/nlp/taxonomy.js';
import type { AuthUser } from '../../plugins/app/auth.js';
import { HttpError } from '../../plugins/app/errors.js';
import { ErrorBody, oneOf } from './schemas.js';

const Errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 503: ErrorBody };
const PetitionId = Type.Object({ id: Type.String({ maxLength: 100, description: 'petition id, web-XXXXXXXXXX' }) });
const Contact = Type.Union([
  Type.Object({ name: Type.Union([Type.String(), Type.Null()]), phone: Type.Union([Type.String(), Type.Null()]), idNumber: Type.Union([Type.String(), Type.Null()]), address: Type.Union([Type.String(), Type.Null()]), email: Type.Union([Type.String(), Type.Null()]) }),
  Type.Null(),
]);

const QueueCase = Type.Object({
  petitionId: Type.String(),
  trackingCode: Type.String(),
  signatures: Type.Integer({ description: 'petitions of the case held here; 1 for a petition of its own' }),
  memberIds: Type.Array(Type.String()),
  submittedAt: Type.String(),
  provinceCode: Type.String(),
  communeCode: Type.String(),
  topic: Type.String(),
  sentiment: Type.String(),
  status: Type.String(),
  level: Type.String(),
  dueAt: Type.String(),
  overdue: Type.Boolean(),
  title: Type.String(),
  excerpt: Type.String(),
  hasContact: Type.Boolean(),
  consentContact: Type.Boolean(),
});

const Event = Type.Object({
  event_id: Type.String(),
  event_at: Type.String(),
  status: Type.String(),
  unit_code: Type.String(),
  handling_level: Type.String(),
  due_at: Type.String(),
  actor: Type.String({ description: 'user id, or "system"' }),
  note: Type.String(),
  partner: Type.String(),
});

const CaseView = Type.Object({
  petitionId: Type.String(),
  trackingCode: Type.String(),
  submittedAt: Type.String(),
  status: Type.String(),
  actions: Type.Array(oneOf(ACTIONS), { description: 'the steps its status allows now' }),
  holder: Type.String(),
  level: Type.String(),
  dueAt: Type.String(),
  title: Type.String(),
  text: Type.String(),
  contact: Contact,
  consentContact: Type.Boolean(),
  attachments: Type.Array(Type.Object({ name: Type.String(), type: Type.String(), bytes: Type.Number() })),
  place: Type.Object({ provinceCode: Type.String(), communeCode: Type.String(), source: Type.String() }),
  topic: Type.String(),
  sentiment: Type.String(),
  routing: Type.Object({ ruleId: Type.String(), reason: Type.String(), routedAt: Type.String() }),
  caseId: Type.String(),
  casePetitions: Type.Integer(),
  events: Type.Array(Event),
});

const Rule = Type.Object({
  ruleId: Type.String(),
  position: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  topic: Type.String({ description: `a topic code, or "" for any (${TOPICS.join(', ')})` }),
  terms: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 200, description: 'phrases the text must contain one of (compared without diacritics)' }),
  place: oneOf(RULE_PLACES, 'what must be known of the place'),
  routeTo: oneOf(HANDLING_LEVELS),
  reason: Type.String({ maxLength: 500 }),
  enabled: Type.Boolean(),
});

const handling: FastifyPluginAsyncTypebox = async (app) => {
  const handler = app.requireRole('central', 'province', 'commune');
  const admin = app.requireRole('admin');
  const reader = app.requireRole('central', 'province', 'commune', 'admin', 'analyst');

  app.get(
    '/petitions/queue',
    { preHandler: [app.requireReady, handler], schema: { response: { 200: Type.Object({ unitCode: Type.String(), cases: Type.Array(QueueCase) }), ...Errors } } },
    async (request) => {
      const user = request.user as AuthUser;
      request.auditUnit = user.scope.unit.code;
      return { unitCode: user.scope.unit.code, cases: await unitCases(app.store, user.scope.unit.code) };
    },
  );

  app.get(
    '/petitions/cases/:id',
    { preHandler: [app.requireReady, handler], schema: { params: PetitionId, response: { 200: CaseView, ...Errors } } },
    async (request) => {
      const user = request.user as AuthUser;
      request.auditUnit = user.scope.unit.code;
      const read = await readCase(app.store, request.params.id, { scope: user.scope, open: (sealed) => app.sealer().open(sealed) });
      if (!read.ok) throw new HttpError(read.status, read.status === 404 ? 'not_found' : 'forbidden', read.message);
      return read.view;
    },
  );

  app.post(
    '/petitions/cases/:id/actions',
    {
      preHandler: [app.requireReady, handler],
      schema: {
        params: PetitionId,
        body: Type.Object({
          action: oneOf(ACTIONS),
          note: Type.Optional(Type.String({ maxLength: NOTE_MAX_CHARS * 2, description: 'the answer, the question, or why' })),
          toUnitCode: Type.Optional(Type.String({ maxLength: 20, description: 'transfer: the Front unit that takes it over' })),
          partner: Type.Optional(Type.String({ maxLength: PARTNER_MAX_CHARS * 2, description: 'transfer: the partner agency it is sent to' })),
        }),
        response: {
          200: Type.Object({
            eventId: Type.String(),
            status: Type.String(),
            eventAt: Type.String(),
            petitions: Type.Array(Type.String(), { description: 'the petitions the step was recorded on: the case and its members held here' }),
            skipped: Type.Array(Type.Object({ petitionId: Type.String(), status: Type.String(), holder: Type.String() })),
          }),
          ...Errors,
        },
      },
    },
    async (request) => {
      const user = request.user as AuthUser;
      request.auditUnit = user.scope.unit.code;
      const asOf = await app.referenceDate();
      const findUnit = async (code: string) => (await resolveUnit(app.store, code, asOf).catch(() => []))[0];
      const outcome = await app.intake.handle(`${request.body.action} ${request.params.id}`, () =>
        actOnCase(app.store, request.params.id, request.body, { userId: user.user_id, unitCode: user.scope.unit.code }, { findUnit }),
      );
      if (!outcome.ok) throw new HttpError(outcome.status, outcome.code, outcome.message);
      const { ok: _ok, ...answer } = outcome;
      return answer;
    },
  );

  app.get(
    '/petitions/routing',
    {
      preHandler: [app.requireReady, reader],
      schema: {
        response: {
          200: Type.Object({
            rules: Type.Array(Type.Intersect([Rule, Type.Object({ updatedBy: Type.String(), updatedAt: Type.String() })])),
            deadlines: Type.Array(Type.Object({ topic: Type.String(), answerDays: Type.Integer() })),
            defaults: Type.Object({ central: Type.Integer(), province: Type.Integer(), commune: Type.Integer() }),
          }),
          ...Errors,
        },
      },
    },
    async () => {
      const { rules, deadlines } = await loadRouting(app.store);
      return { rules, deadlines: [...deadlines].map(([topic, answerDays]) => ({ topic, answerDays })), defaults: ANSWER_DAYS };
    },
  );

  app.put(
    '/petitions/routing/rules/:id',
    {
      preHandler: [app.requireReady, admin],
      schema: { params: Type.Object({ id: Type.String({ maxLength: 64 }) }), body: Type.Omit(Rule, ['ruleId']), response: { 200: Rule, ...Errors } },
    },
    async (request) => {
      const checked = checkRule({ ...request.body, ruleId: request.params.id });
      if ('faults' in checked) throw new HttpError(400, 'bad_request', checked.faults.map((f) => `${f.field} ${f.message}`).join('; '));
      await saveRule(app.store, checked.rule, (request.user as AuthUser).user_id);
      return checked.rule;
    },
  );

  app.delete(
    '/petitions/routing/rules/:id',
    { preHandler: [app.requireReady, admin], schema: { params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 200: Type.Object({ deleted: Type.String() }), ...Errors } } },
    async (request) => {
      const rule = (await loadRouting(app.store)).rules.find((r) => r.ruleId === request.params.id);
      if (!rule) throw new HttpError(404, 'not_found', `No routing rule "${request.params.id}".`);
      await saveRule(app.store, rule, (request.user as AuthUser).user_id, true);
      return { deleted: rule.ruleId };
    },
  );

  app.put(
    '/petitions/routing/deadlines/:topic',
    {
      preHandler: [app.requireReady, admin],
      schema: {
        params: Type.Object({ topic: oneOf(TOPICS) }),
        body: Type.Object({ answerDays: Type.Union([Type.Integer({ minimum: 1, maximum: MAX_ANSWER_DAYS }), Type.Null()], { description: 'null = the level’s default' }) }),
        response: { 200: Type.Object({ topic: Type.String(), answerDays: Type.Union([Type.Integer(), Type.Null()]) }), ...Errors },
      },
    },
    async (request) => {
      await saveDeadline(app.store, request.params.topic, request.body.answerDays, (request.user as AuthUser).user_id);
      return { topic: request.params.topic, answerDays: request.body.answerDays };
    },
  );
};

export default handling;
