/**
 * @fastify/static: the built dashboard at /, with every non-API path answered by its index.html
 * (the dashboard routes in the browser). The build's brotli and gzip copies go to browsers that accept them; the
 * files under _app/immutable carry a hash in their names and are cached for a year.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const DASHBOARD_BUILD = fileURLToPath(new URL('../../../dashboard/build/', import.meta.url));

/** Serves the dashboard if it has been built; says whether it did. */
export async function registerDashboard(app: FastifyInstance): Promise<boolean> {
  if (!fs.existsSync(path.join(DASHBOARD_BUILD, 'index.html'))) {
    app.log.warn(`no dashboard build in ${DASHBOARD_BUILD}: run "npm run build" (npm start does it when needed)`);
    return false;
  }
  await app.register(fastifyStatic, {
    root: DASHBOARD_BUILD,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    setHeaders: (res, file) => {
      if (file.includes(`${path.sep}_app${path.sep}immutable${path.sep}`)) res.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  return true;
}
