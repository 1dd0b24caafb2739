import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({
      dataDir: path.resolve('/srv/app', 'data'),
      clickhouseUrl: undefined,
      clickhouseUser: 'default',
      clickhouseDb: 'front_pulse',
      port: 3000,
      host: '127.0.0.1',
      demoOnEmpty: true,
      demoScale: 1,
    });
  });

  it('switches to a ClickHouse server when CLICKHOUSE_URL is set', () => {
    const c = loadConfig({ CLICKHOUSE_URL: 'http://clickhouse:8123', CLICKHOUSE_USER: 'fp', CLICKHOUSE_PASSWORD: 's3cret', CLICKHOUSE_DB: 'pulse' });
    expect(c).toMatchObject({ clickhouseUrl: 'http://clickhouse:8123', clickhouseUser: 'fp', clickhousePassword: 's3cret', clickhouseDb: 'pulse' });
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', CLICKHOUSE_URL: 'clickhouse:8123', DEMO_ON_EMPTY: 'maybe', CONTACT_KEY: 'short', CLICKHOUSE_DB: 'drop table' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'CLICKHOUSE_URL', 'DEMO_ON_EMPTY', 'CONTACT_KEY', 'CLICKHOUSE_DB']) expect(problems).toContain(name);
  });

  it('reads the ingestion settings: sizes with units, the inbox relative to the working folder, cron schedules', () => {
    const c = loadConfig({ INGEST_MAX_BYTES: '512MB', INBOX_DIR: 'hop-thu', INBOX_SCHEDULE: '*/5 * * * *', FEEDS_FILE: 'feeds.json' }, '/srv/app');
    expect(c).toMatchObject({ ingestMaxBytes: 512 * 2 ** 20, inboxDir: '/srv/app/hop-thu', inboxSchedule: '*/5 * * * *', inboxSettleSeconds: 10, feedsFile: '/srv/app/feeds.json' });
    expect(loadConfig({}).ingestMaxBytes).toBe(8 * 2 ** 30);
    expect(loadConfig({}).inboxDir).toBeUndefined();
    expect(() => loadConfig({ INGEST_MAX_BYTES: 'lots', INBOX_SCHEDULE: 'every minute' })).toThrow(/INGEST_MAX_BYTES[\s\S]*INBOX_SCHEDULE/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
  });
});
