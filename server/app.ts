/**
 * The Fastify application: plugins, then routes, each folder under routes/ being its URL prefix.
 * Tests build it with a store of their own and call it with app.inject.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../analytics/config.js';
import type { Store } from '../analytics/store/index.js';
import context from './plugins/app/context.js';
import schedules from './plugins/app/schedules.js';
import intakeService from './plugins/app/intake.js';
import auth from './plugins/app/auth.js';
import openapi from './plugins/external/openapi.js';
import metrics from './plugins/external/metrics.js';
import authRoutes from './routes/api/auth/index.js';
import users from './routes/api/users.js';
import rosters from './routes/api/rosters.js';
import reporting from './routes/api/reporting.js';
import petitions from './routes/api/petitions.js';
import opinion from './routes/api/opinion.js';
import warnings from './routes/api/warnings.js';
import drill from './routes/api/drill.js';
import reports from './routes/api/reports.js';
import { notFound, registerErrorHandler } from './plugins/app/errors.js';
import { initialBootState, type BootState } from './plugins/app/boot.js';
import { registerDashboard } from './plugins/external/static.js';
import health from './routes/api/health.js';
import coverage from './routes/api/coverage.js';
import admin from './routes/api/admin/index.js';
import ingest from './routes/api/ingest/index.js';
import intake from './routes/api/intake.js';
import handling from './routes/api/handling.js';
import searchRoutes from './routes/api/search.js';
import { stopLabelPool } from '../ingest/pipeline/label-pool.js';

export interface AppOptions {
  config: Config;
  store: Store;
  boot?: BootState;
  controlToken?: string;
  /** Pino logging; off in tests unless asked for. */
  logger?: boolean;
  serveDashboard?: boolean;
  /** Close the store when the app closes (the server's case); tests and benchmarks that share a store say false. */
  ownsStore?: boolean;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: opts.config.logLevel },
    trustProxy: opts.config.trustProxy,
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerErrorHandler(app);
  await app.register(context, { config: opts.config, store: opts.store, boot: opts.boot ?? initialBootState(), controlToken: opts.controlToken });
  await app.register(auth, { controlToken: opts.controlToken });
  await app.register(intakeService);
  await app.register(schedules);
  await app.register(openapi);
  await app.register(metrics);
  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(users, { prefix: '/api' });
  await app.register(health, { prefix: '/api' });
  await app.register(coverage, { prefix: '/api' });
  for (const questions of [rosters, reporting, petitions, opinion, warnings, drill, reports]) await app.register(questions, { prefix: '/api' });
  await app.register(intake, { prefix: '/api' });
  await app.register(handling, { prefix: '/api' });
  await app.register(searchRoutes, { prefix: '/api' });
  await app.register(admin, { prefix: '/api/admin' });
  await app.register(ingest, { prefix: '/api/ingest' });
  const dashboard = opts.serveDashboard !== false && (await registerDashboard(app));
  app.setNotFoundHandler(async (request, reply) => {
    // The dashboard routes in the browser: a page address it knows gets its index.html.
    const page = dashboard && request.method === 'GET' && !request.url.startsWith('/api');
    if (page) return reply.sendFile('index.html');
    return reply.status(404).send(notFound(request.method, request.url));
  });
  app.addHook('onClose', async () => {
    // No new timed jobs; jobs under way finish; then the labelling threads stop and the store closes.
    await app.schedules.stop();
    await app.writes.idle();
    await app.intake.idle();
    await app.audit.flush();
    await stopLabelPool();
    if (opts.ownsStore !== false) await opts.store.close();
  });
  return app;
}
