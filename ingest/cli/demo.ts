/**
 * `npm run demo -- [--scale N] [--petitions N] [--posts N] [--seed N] [--as-of YYYY-MM-DD] [--force]`
 * Builds the demo dataset in the store. The demo rewrites whole tables, so it runs only with the store to itself:
 * while the server runs, it stops with a message saying so.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../analytics/config.js';
import { openStore } from '../../analytics/store/index.js';
import { loadSealer } from '../../analytics/privacy/seal.js';
import { progressPrinter, runCli, UserError } from '../../analytics/cli/run.js';
import { buildDemo } from '../demo/index.js';

const USAGE = 'usage: npm run demo -- [--scale N] [--petitions N] [--posts N] [--seed N] [--as-of YYYY-MM-DD] [--force]';

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UserError(`--${name} must be a number above 0, got "${value}"\n${USAGE}`, 2);
  return n;
}

runCli(async () => {
  let args;
  try {
    args = parseArgs({
      options: {
        scale: { type: 'string' },
        petitions: { type: 'string' },
        posts: { type: 'string' },
        seed: { type: 'string' },
        'as-of': { type: 'string' },
        force: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new UserError(`${(error as Error).message}\n${USAGE}`, 2);
  }
  const config = loadConfig();
  const store = await openStore(config, { role: 'command', command: 'npm run demo' });
  const print = progressPrinter(process.stderr, false);
  try {
    const summary = await buildDemo(
      store,
      loadSealer(config),
      {
        scale: positive('scale', args.scale),
        petitions: positive('petitions', args.petitions),
        posts: positive('posts', args.posts),
        seed: positive('seed', args.seed),
        asOf: args['as-of'],
        force: args.force,
      },
      (p) => print(`demo (${p.step})`, p.overall ?? 0, 100),
    );
    process.stdout.write(
      `Demo built in ${summary.seconds.toFixed(1)} s: ${summary.petitions.toLocaleString('en-US')} petitions, ` +
        `${summary.posts.toLocaleString('en-US')} opinion posts, as of ${summary.asOf} (seed ${summary.seed}).\n`,
    );
  } finally {
    await store.close();
  }
});
