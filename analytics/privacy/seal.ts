/**
 * Sealing personal data at rest: petitioners' contact details are stored AES-256-GCM encrypted and opened only
 * for users of the handling unit. The key comes from CONTACT_KEY, or from a key file beside the embedded store.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

const VERSION = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** IVs drawn from the system's random source at a time: ingestion seals a contact per row. */
const IV_BLOCK = 4096;
export const KEY_FILE = 'contact.key';

export class Sealer {
  private ivs = Buffer.alloc(0);
  private ivAt = 0;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the contact key must be 32 bytes');
  }

  seal(value: unknown): string {
    const iv = this.nextIv();
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return VERSION + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
  }

  /** A fresh random IV (GCM must never reuse one under a key); random bytes are fetched a block at a time. */
  private nextIv(): Buffer {
    if (this.ivAt + IV_BYTES > this.ivs.length) {
      this.ivs = crypto.randomBytes(IV_BYTES * IV_BLOCK);
      this.ivAt = 0;
    }
    const iv = this.ivs.subarray(this.ivAt, this.ivAt + IV_BYTES);
    this.ivAt += IV_BYTES;
    return iv;
  }

  open<T>(sealed: string): T | undefined {
    if (!sealed.startsWith(VERSION)) return undefined;
    const raw = Buffer.from(sealed.slice(VERSION.length), 'base64');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as T;
  }
}

/** The configured key, or the store's own key file (created once, readable by its owner only). */
export function loadSealer(config: Config): Sealer {
  if (config.contactKey) return new Sealer(Buffer.from(config.contactKey, 'base64'));
  const file = path.join(config.dataDir, KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return new Sealer(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64'));
}
