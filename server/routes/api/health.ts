/**
 * GET /api/health: is the server up, which engine, and how far start-up has got (the dashboard shows it while the demo builds).
 */
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { META, readMeta } from '../../../analytics/queries/meta.js';
import { DEMO_USERS } from '../../../analytics/access/demo-users.js';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('preparing'), Type.Literal('failed')]),
  engine: Type.Union([Type.Literal('embedded'), Type.Literal('server')]),
  phase: Type.String(),
  step: Type.Union([Type.String(), Type.Null()]),
  progress: Type.Union([Type.Number(), Type.Null()]),
  message: Type.String(),
  referenceDate: Type.Union([Type.String(), Type.Null()]),
  background: Type.Union([Type.String(), Type.Null()]),
  uploadMaxBytes: Type.Integer({ description: 'the largest file an upload may send (INGEST_MAX_BYTES): the upload page checks a file against it first' }),
  demoLogins: Type.Array(Type.Object({ login: Type.String(), role: Type.String(), unit: Type.String() }), {
    description: "the demo's users, shown on the log-in page of a demo store (never of real data)",
  }),
});

const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', { schema: { response: { 200: Health } } }, async () => {
    const { phase, step, progress, message, background } = app.boot;
    return {
      status: phase === 'ready' ? ('ok' as const) : phase === 'failed' ? ('failed' as const) : ('preparing' as const),
      engine: app.store.engine,
      phase,
      step,
      progress,
      message,
      referenceDate: phase === 'ready' ? await app.referenceDate() : null,
      background,
      uploadMaxBytes: app.config.ingestMaxBytes,
      demoLogins: phase === 'ready' && (await readMeta(app.store)).get(META.dataset) === 'demo' ? DEMO_USERS.map((u) => ({ login: u.login, role: u.role, unit: u.home_unit_code })) : [],
    };
  });
};

export default health;
