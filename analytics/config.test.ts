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

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
  });
});
