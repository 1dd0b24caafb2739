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

/** Logs each user in through the API and gives their session cookie headers ("fp_session=…"), by login. */
export async function sessionCookies(app: FastifyInstance, logins: readonly string[], password: string): Promise<Record<string, string>> {
  const cookies: Record<string, string> = {};
  for (const login of logins) {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
    const session = res.cookies.find((c) => c.name === 'fp_session');
    if (res.statusCode !== 200 || !session) throw new Error(`log-in of ${login} failed: ${res.statusCode} ${res.body}`);
    cookies[login] = `fp_session=${session.value}`;
  }
  return cookies;
}
