/**
 * Our services on the Fastify instance: the configuration, the store, the start-up state, the write line, the contact
 * sealer, the dataset's reference day, and the guards routes use (store ready, local control token).
 */
import crypto from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../../analytics/config.js';
import type { Store } from '../../../analytics/store/index.js';
import { META, readMeta } from '../../../analytics/queries/meta.js';
import { dayInVietnam } from '../../../analytics/clock.js';
import { loadSealer, type Sealer } from '../../../analytics/privacy/seal.js';
import { HttpError } from './errors.js';
import type { BootState } from './boot.js';
import { WriteLine } from './writes.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    store: Store;
    boot: BootState;
    /** Jobs that store data run here, one after another. */
    writes: WriteLine;
    /** Seals and opens petitioners' contact details (the key is read on first use). */
    sealer(): Sealer;
    /** "Today" for the data: a demo's reference day, else the day in Vietnam. */
    referenceDate(): Promise<string>;
    /** preHandler: 503 until start-up has finished. */
    requireReady(request: FastifyRequest): Promise<void>;
    /** onRequest: 401 unless the request carries the local control token. */
    requireControlToken(request: FastifyRequest): Promise<void>;
  }
}

export interface ContextOptions {
  config: Config;
  store: Store;
  boot: BootState;
  /** The token local commands present to admin routes; undefined = admin routes are closed. */
  controlToken?: string;
}

export default fp<ContextOptions>(async (app: FastifyInstance, opts) => {
  app.decorate('config', opts.config);
  app.decorate('store', opts.store);
  app.decorate('boot', opts.boot);
  app.decorate('writes', new WriteLine());
  let sealer: Sealer | undefined;
  app.decorate('sealer', () => (sealer ??= loadSealer(opts.config)));

  let cachedReference: string | null | undefined;
  app.decorate('referenceDate', async () => {
    if (cachedReference === undefined && app.boot.phase === 'ready') {
      cachedReference = (await readMeta(app.store)).get(META.referenceDate) ?? null;
    }
    return cachedReference ?? dayInVietnam();
  });

  app.decorate('requireReady', async () => {
    if (app.boot.phase !== 'ready') {
      throw new HttpError(503, app.boot.phase === 'failed' ? 'failed' : 'preparing', app.boot.message);
    }
  });

  const expected = opts.controlToken ? Buffer.from(opts.controlToken) : undefined;
  app.decorate('requireControlToken', async (request: FastifyRequest) => {
    const given = Buffer.from((request.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!expected || given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
      throw new HttpError(401, 'unauthorized', 'This route is for local commands: they present the control token kept in DATA_DIR.');
    }
  });
});
