/**
 * The server app on a test store, as the server builds it once start-up is done: ready, quiet, the store left open
 * for the test to close.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../server/app.js';
import type { TestStore } from './store.js';

export function buildTestApp(t: Pick<TestStore, 'config' | 'store'>, options: Partial<AppOptions> = {}): Promise<FastifyInstance> {
  return buildApp({
    config: t.config,
    store: t.store,
    boot: { phase: 'ready', step: null, progress: null, message: 'Ready', background: null },
    logger: false,
    serveDashboard: false,
    ownsStore: false,
    ...options,
  });
}
