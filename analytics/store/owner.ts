/**
 * Who owns the embedded store. chDB binds one data directory to one process, so Front Pulse keeps
 * an owner file in DATA_DIR, created exclusively (O_EXCL) before the engine opens:
 * a second process sees who holds the store and either goes through that server or stops with a clear message.
 * chDB's own lock on DATA_DIR/status stays underneath as the last guard.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

export const OWNER_FILE = 'front-pulse.owner.json';
const CONTROL_TOKEN_FILE = 'control-token';

export interface Owner {
  pid: number;
  /** 'server' answers HTTP on `port`; 'command' is a one-off CLI such as `npm run demo`. */
  role: 'server' | 'command';
  command: string;
  startedAt: string;
  host?: string;
  port?: number;
}

export class StoreInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: Owner | undefined,
  ) {
    super(describeOwner(dataDir, owner));
    this.name = 'StoreInUseError';
  }
}

function describeOwner(dataDir: string, owner: Owner | undefined): string {
  if (!owner) {
    return `The store in ${dataDir} is in use by another process. Stop it first: one process at a time may open an embedded store.`;
  }
  const who =
    owner.role === 'server'
      ? `the Front Pulse server (pid ${owner.pid}, http://${owner.host ?? '127.0.0.1'}:${owner.port}, started ${owner.startedAt})`
      : `the command "${owner.command}" (pid ${owner.pid}, started ${owner.startedAt})`;
  return `The store in ${dataDir} is in use by ${who}. One process at a time may open an embedded store: stop it first, or use another DATA_DIR.`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readOwner(dataDir: string): Owner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(path.join(dataDir, OWNER_FILE), 'utf8')) as Owner;
    return isAlive(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** Claims this process holds, by directory: chDB shares one engine per directory within a process, so may we. */
const heldHere = new Map<string, number>();

/**
 * Claims DATA_DIR for this process, or throws StoreInUseError naming the holder.
 * A file left by a process that died (SIGKILL, power cut) is recognised by its dead pid and replaced.
 * Returns the release, which removes the owner file once this process's last claim on the directory ends.
 */
export function claimOwnership(dataDir: string, owner: Omit<Owner, 'pid' | 'startedAt'>): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, OWNER_FILE);
  const held = heldHere.get(file) ?? 0;
  if (held > 0) {
    heldHere.set(file, held + 1);
    return once(() => releaseHere(file));
  }
  const record: Owner = { pid: process.pid, startedAt: new Date().toISOString(), ...owner };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(record, null, 2), { flag: 'wx', mode: 0o644 });
      heldHere.set(file, 1);
      const release = once(() => releaseHere(file));
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readOwner(dataDir);
      if (holder) throw new StoreInUseError(dataDir, holder);
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new StoreInUseError(dataDir, readOwner(dataDir));
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      fn();
    }
  };
}

function releaseHere(file: string): void {
  const left = (heldHere.get(file) ?? 1) - 1;
  if (left > 0) {
    heldHere.set(file, left);
    return;
  }
  heldHere.delete(file);
  try {
    const current = JSON.parse(fs.readFileSync(file, 'utf8')) as Owner;
    if (current.pid === process.pid) fs.rmSync(file);
  } catch {
    /* already gone */
  }
}

/** Updates the owner record once the server knows its port. */
export function updateOwner(dataDir: string, patch: Partial<Owner>): void {
  const file = path.join(dataDir, OWNER_FILE);
  const current = JSON.parse(fs.readFileSync(file, 'utf8')) as Owner;
  if (current.pid !== process.pid) return;
  fs.writeFileSync(file, JSON.stringify({ ...current, ...patch }, null, 2));
}

/**
 * The token with which local commands (`npm run units:import` while the server runs) talk to the server's
 * admin endpoints. It lives beside the store, readable by its owner only: whoever can read it could open the store anyway.
 */
export function createControlToken(dataDir: string): string {
  const token = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(path.join(dataDir, CONTROL_TOKEN_FILE), token, { mode: 0o600 });
  return token;
}

export function readControlToken(dataDir: string): string | undefined {
  try {
    return fs.readFileSync(path.join(dataDir, CONTROL_TOKEN_FILE), 'utf8').trim();
  } catch {
    return undefined;
  }
}
