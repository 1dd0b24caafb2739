/**
 * Configuration: every environment variable Front Pulse reads, checked once, typed.
 * Nothing else in the code base reads process.env; `.env.example` lists the same variables.
 */
import path from 'node:path';

export interface Config {
  /** Where the embedded store keeps its files (ignored when clickhouseUrl is set). */
  dataDir: string;
  /** A ClickHouse server over HTTP; undefined = embedded chDB in dataDir. */
  clickhouseUrl: string | undefined;
  clickhouseUser: string;
  clickhousePassword: string;
  clickhouseDb: string;
  host: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Build the demo dataset when the server starts on an empty store. */
  demoOnEmpty: boolean;
  /** Multiplies the demo's default petition and post counts (1 = 1,000,000 each). */
  demoScale: number;
  /** AES-256 key (base64, 32 bytes) that seals petitioners' contact details; undefined = a key file in dataDir. */
  contactKey: string | undefined;
  /** The largest file an HTTP upload may send, in bytes (files are streamed; this bounds disk and time, not memory). */
  ingestMaxBytes: number;
  /** A folder watched for files to load (one subfolder per kind, or kind-prefixed names); undefined = none. */
  inboxDir: string | undefined;
  /** When the inbox is looked at (cron, in Vietnam's time). */
  inboxSchedule: string;
  /** A file is taken once it has not changed for this long (it may still be copying). */
  inboxSettleSeconds: number;
  /** The language of the reasons in the inbox's summaries (ingest/faults.ts). */
  inboxLang: 'vi' | 'en';
  /** A JSON file listing the opinion sources to pull (RSS/Atom feeds, JSON endpoints); undefined = none. */
  feedsFile: string | undefined;
  /** The password of the demo's users; undefined = generated and printed once when they are created. */
  demoPassword: string | undefined;
  /** Submissions the public petition form takes from one address in an hour. */
  intakePerAddressHour: number;
  /** When overdue petitions are escalated one level (cron, in Vietnam's time). */
  escalationSchedule: string;
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For (flood limits count per citizen). */
  trustProxy: boolean;
}

interface VariableSpec {
  /** Turns the raw string into the value, or returns an error message. */
  parse: (raw: string) => { value: unknown } | { error: string };
  default?: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const text = (): VariableSpec['parse'] => (raw) => ({ value: raw });
const integer = (min: number, max: number): VariableSpec['parse'] => (raw) => {
  const n = Number(raw);
  return Number.isInteger(n) && n >= min && n <= max
    ? { value: n }
    : { error: `must be a whole number from ${min} to ${max}, got "${raw}"` };
};
const positiveNumber = (max: number): VariableSpec['parse'] => (raw) => {
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 && n <= max ? { value: n } : { error: `must be a number above 0 and at most ${max}, got "${raw}"` };
};
const boolean = (): VariableSpec['parse'] => (raw) => {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return { value: true };
  if (['0', 'false', 'no', 'off'].includes(v)) return { value: false };
  return { error: `must be true or false, got "${raw}"` };
};
const httpUrl = (): VariableSpec['parse'] => (raw) => {
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:'
      ? { value: raw }
      : { error: `must be an http(s) URL such as http://localhost:8123, got "${raw}"` };
  } catch {
    return { error: `must be an http(s) URL such as http://localhost:8123, got "${raw}"` };
  }
};
const oneOf = (values: readonly string[]): VariableSpec['parse'] => (raw) =>
  values.includes(raw) ? { value: raw } : { error: `must be one of ${values.join(', ')}, got "${raw}"` };
const aesKey = (): VariableSpec['parse'] => (raw) =>
  Buffer.from(raw, 'base64').length === 32
    ? { value: raw }
    : { error: 'must be 32 bytes in base64 (openssl rand -base64 32)' };
/** A cron expression of 5 fields (or 6, with seconds first); node-cron checks it fully when it is scheduled. */
const cron = (): VariableSpec['parse'] => (raw) => {
  const fields = raw.trim().split(/\s+/);
  return (fields.length === 5 || fields.length === 6) && fields.every((f) => /^[\d*/,\-A-Za-z?]+$/.test(f))
    ? { value: raw.trim() }
    : { error: `must be a cron expression such as "*/1 * * * *" (minute hour day month weekday), got "${raw}"` };
};
const bytes = (): VariableSpec['parse'] => (raw) => {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$/i.exec(raw);
  const scale = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 }[(m?.[2] ?? '').toLowerCase()];
  const n = m && scale ? Math.floor(Number(m[1]) * scale) : NaN;
  return Number.isFinite(n) && n > 0 ? { value: n } : { error: `must be a size such as 500MB or 8GB, got "${raw}"` };
};
const identifier = (): VariableSpec['parse'] => (raw) =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(raw) ? { value: raw } : { error: `must be a plain database name (letters, digits, _), got "${raw}"` };

/** The variables, with their defaults. Order = the order of `.env.example`. */
export const VARIABLES = {
  DATA_DIR: { parse: text(), default: './data' },
  CLICKHOUSE_URL: { parse: httpUrl() },
  CLICKHOUSE_USER: { parse: text(), default: 'default' },
  CLICKHOUSE_PASSWORD: { parse: text(), default: '' },
  CLICKHOUSE_DB: { parse: identifier(), default: 'front_pulse' },
  HOST: { parse: text(), default: '127.0.0.1' },
  PORT: { parse: integer(0, 65535), default: '3000' },
  LOG_LEVEL: { parse: oneOf(LOG_LEVELS), default: 'info' },
  DEMO_ON_EMPTY: { parse: boolean(), default: 'true' },
  DEMO_SCALE: { parse: positiveNumber(100), default: '1' },
  CONTACT_KEY: { parse: aesKey() },
  INGEST_MAX_BYTES: { parse: bytes(), default: '8GB' },
  INBOX_DIR: { parse: text() },
  INBOX_SCHEDULE: { parse: cron(), default: '* * * * *' },
  INBOX_SETTLE_SECONDS: { parse: integer(0, 3600), default: '10' },
  INBOX_LANG: { parse: oneOf(['vi', 'en']), default: 'vi' },
  FEEDS_FILE: { parse: text() },
  DEMO_PASSWORD: { parse: (raw) => (raw.length >= 10 ? { value: raw } : { error: 'must be at least 10 characters' }) },
  INTAKE_PER_ADDRESS_HOUR: { parse: integer(1, 1_000_000), default: '10' },
  ESCALATION_SCHEDULE: { parse: cron(), default: '*/15 * * * *' },
  TRUST_PROXY: { parse: boolean(), default: 'false' },
} satisfies Record<string, VariableSpec>;

export type VariableName = keyof typeof VARIABLES;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and checks every variable at once, so a bad environment fails with all of its problems named.
 * `cwd` resolves a relative DATA_DIR.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const values: Partial<Record<VariableName, unknown>> = {};
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(VARIABLES) as [VariableName, VariableSpec][]) {
    const raw = env[name];
    const given = raw !== undefined && raw !== '' ? raw : spec.default;
    if (given === undefined) continue;
    const result = spec.parse(given);
    if ('error' in result) problems.push(`${name} ${result.error}`);
    else values[name] = result.value;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    dataDir: path.resolve(cwd, values.DATA_DIR as string),
    clickhouseUrl: values.CLICKHOUSE_URL as string | undefined,
    clickhouseUser: values.CLICKHOUSE_USER as string,
    clickhousePassword: values.CLICKHOUSE_PASSWORD as string,
    clickhouseDb: values.CLICKHOUSE_DB as string,
    host: values.HOST as string,
    port: values.PORT as number,
    logLevel: values.LOG_LEVEL as Config['logLevel'],
    demoOnEmpty: values.DEMO_ON_EMPTY as boolean,
    demoScale: values.DEMO_SCALE as number,
    contactKey: values.CONTACT_KEY as string | undefined,
    ingestMaxBytes: values.INGEST_MAX_BYTES as number,
    inboxDir: values.INBOX_DIR === undefined ? undefined : path.resolve(cwd, values.INBOX_DIR as string),
    inboxSchedule: values.INBOX_SCHEDULE as string,
    inboxSettleSeconds: values.INBOX_SETTLE_SECONDS as number,
    inboxLang: values.INBOX_LANG as 'vi' | 'en',
    feedsFile: values.FEEDS_FILE === undefined ? undefined : path.resolve(cwd, values.FEEDS_FILE as string),
    demoPassword: values.DEMO_PASSWORD as string | undefined,
    intakePerAddressHour: values.INTAKE_PER_ADDRESS_HOUR as number,
    escalationSchedule: values.ESCALATION_SCHEDULE as string,
    trustProxy: values.TRUST_PROXY as boolean,
  });
}
