/**
 * GET /api/health: is the server up, which engine, and how far start-up has got (the dashboard shows it while the demo builds).
 */
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('preparing'), Type.Literal('failed')]),
  engine: Type.Union([Type.Literal('embedded'), Type.Literal('server')]),
  phase: Type.String(),
  step: Type.Union([Type.String(), Type.Null()]),
  progress: Type.Union([Type.Number(), Type.Null()]),
  message: Type.String(),
  referenceDate: Type.Union([Type.String(), Type.Null()]),
  background: Type.Union([Type.String(), Type.Null()]),
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
    };
  });
};

export default health;
