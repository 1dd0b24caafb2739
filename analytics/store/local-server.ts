/**
 * Commands that need the store while the server holds it go through the server: this finds the server that owns
 * DATA_DIR (from its owner file) and calls its admin API with the control token it left there.
 */
import { Readable } from 'node:stream';
import type { Config } from '../config.js';
import { readControlToken, readOwner } from './owner.js';

export interface LocalServer {
  url: string;
  pid: number;
  /** A JSON answer; the body may be a stream (a large file is sent as it is read). */
  request<T>(method: 'GET' | 'POST', path: string, body?: Buffer | Readable, contentType?: string): Promise<T>;
  /** The answer as it is (a file to save). */
  fetch(path: string): Promise<Response>;
}

/** The server that owns the embedded store, if one runs; undefined for a ClickHouse server store or when none runs. */
export function findLocalServer(config: Config): LocalServer | undefined {
  if (config.clickhouseUrl) return undefined;
  const owner = readOwner(config.dataDir);
  if (!owner || owner.role !== 'server' || !owner.port) return undefined;
  const host = !owner.host || owner.host === '0.0.0.0' || owner.host === '::' ? '127.0.0.1' : owner.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${owner.port}`;
  const token = readControlToken(config.dataDir);
  const authorization = `Bearer ${token ?? ''}`;
  return {
    url,
    pid: owner.pid,
    async fetch(path: string): Promise<Response> {
      const response = await fetch(url + path, { headers: { authorization } });
      if (!response.ok) {
        const payload = (await response.json().catch(() => ({}))) as { message?: string };
        const error = new Error(payload.message ?? `the server answered ${response.status}`);
        error.name = 'UserError';
        throw error;
      }
      return response;
    },
    async request<T>(method: 'GET' | 'POST', path: string, body?: Buffer | Readable, contentType?: string): Promise<T> {
      const response = await fetch(url + path, {
        method,
        headers: { authorization, ...(contentType ? { 'content-type': contentType } : {}) },
        body,
        // A stream body is sent as it is read.
        ...(body instanceof Readable ? { duplex: 'half' } : {}),
      } as RequestInit);
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
