/**
 * Commands that need the store while the server holds it go through the server: this finds the server that owns
 * DATA_DIR (from its owner file) and calls its admin API with the control token it left there.
 */
import type { Config } from '../config.js';
import { readControlToken, readOwner } from './owner.js';

export interface LocalServer {
  url: string;
  pid: number;
  request<T>(method: 'GET' | 'POST', path: string, body?: Buffer, contentType?: string): Promise<T>;
}

/** The server that owns the embedded store, if one runs; undefined for a ClickHouse server store or when none runs. */
export function findLocalServer(config: Config): LocalServer | undefined {
  if (config.clickhouseUrl) return undefined;
  const owner = readOwner(config.dataDir);
  if (!owner || owner.role !== 'server' || !owner.port) return undefined;
  const host = !owner.host || owner.host === '0.0.0.0' || owner.host === '::' ? '127.0.0.1' : owner.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${owner.port}`;
  const token = readControlToken(config.dataDir);
  return {
    url,
    pid: owner.pid,
    async request<T>(method: 'GET' | 'POST', path: string, body?: Buffer, contentType?: string): Promise<T> {
      const response = await fetch(url + path, {
        method,
        headers: { authorization: `Bearer ${token ?? ''}`, ...(contentType ? { 'content-type': contentType } : {}) },
        body,
      });
      const payload = (await response.json()) as T & { error?: string; message?: string };
      if (!response.ok) {
        const error = new Error(payload.message ?? `the server answered ${response.status}`);
        error.name = 'UserError';
        throw error;
      }
      return payload;
    },
  };
}
