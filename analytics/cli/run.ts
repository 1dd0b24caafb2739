/**
 * How every command-line tool starts and ends: configuration checked first, and known failures
 * (bad configuration, a store in use, an unreadable input) printed as one clear message instead of a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, type Config } from '../config.js';
import { StoreInUseError } from '../store/owner.js';
import { openStore, type Store } from '../store/index.js';
import { migrate } from '../store/migrate.js';

/** An error whose message is the whole story for the user (bad arguments, bad input). */
export class UserError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'UserError';
  }
}

const KNOWN = ['ConfigError', 'StoreInUseError', 'InputError', 'UserError', 'UnknownUnitError', 'UnknownRunError', 'RegistryEmptyError'];

export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      const e = error as Error & { exitCode?: number };
      if (error instanceof ConfigError || error instanceof StoreInUseError || KNOWN.includes(e?.name)) {
        process.stderr.write(`${e.message}\n`);
        process.exit(e.exitCode ?? 1);
      }
      process.stderr.write(`${e?.stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}

/**
 * The store for a command that writes to it (no server holds it): claimed for this process, with pending migrations
 * applied first, so that a command on a fresh DATA_DIR works like the server on it.
 */
export async function openCommandStore(config: Config, command: string): Promise<Store> {
  const store = await openStore(config, { role: 'command', command });
  try {
    const report = await migrate(store);
    if (report.applied.length > 0) process.stderr.write(`schema: ${report.applied.length} migration(s) applied\n`);
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** Options and positional arguments; a mistake stops the command with the message and the usage (exit code 2). */
export function parseCliArgs<O extends NonNullable<ParseArgsConfig['options']>>(options: O, usage: string) {
  try {
    return parseArgs({ allowPositionals: true, options, strict: true });
  } catch (error) {
    throw new UserError(`${(error as Error).message}\n${usage}`, 2);
  }
}

/** A progress line on a terminal (rewritten in place), or a line every few seconds when output is a file or pipe. */
export function progressPrinter(
  stream: NodeJS.WriteStream = process.stderr,
  showCounts = true,
): (label: string, done: number, total: number) => void {
  let lastLine = 0;
  let lastLabel = '';
  const started = Date.now();
  return (label, done, total) => {
    const now = Date.now();
    const finished = done >= total;
    if (!stream.isTTY && !finished && label === lastLabel && now - lastLine < 5000) return;
    lastLine = now;
    lastLabel = label;
    const pct = total > 0 ? Math.min(100, (100 * done) / total) : 100;
    const seconds = (now - started) / 1000;
    const counts = showCounts ? `  ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}` : '';
    const text = `${label}: ${pct.toFixed(1).padStart(5)} %${counts}  (${seconds.toFixed(1)} s)`;
    if (stream.isTTY) stream.write(`\r\x1b[K${text}${finished ? '\n' : ''}`);
    else stream.write(`${text}\n`);
  };
}
