/**
 * Holding off floods on the public form: each sending address may make so many submissions an hour (fixed windows,
 * counted in memory: one server owns the store). The address itself is not kept with a submission, only a keyed hash.
 */
import crypto from 'node:crypto';

const HOUR_MS = 3600_000;
/** Beyond this many addresses tracked at once, windows that have ended are dropped. */
const SWEEP_ABOVE = 50_000;

export class AddressLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perHour: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a submission from `address`; the seconds to wait when it is one too many, else 0. */
  take(address: string): number {
    const now = this.now();
    if (this.windows.size > SWEEP_ABOVE) for (const [key, w] of this.windows) if (now - w.start >= HOUR_MS) this.windows.delete(key);
    let w = this.windows.get(address);
    if (!w || now - w.start >= HOUR_MS) {
      w = { start: now, count: 0 };
      this.windows.set(address, w);
    }
    if (w.count >= this.perHour) return Math.max(1, Math.ceil((w.start + HOUR_MS - now) / 1000));
    w.count++;
    return 0;
  }
}

/** A keyed hash of an address: the same sender's submissions can be told apart from others', not traced back. */
export function clientHasher(): (address: string) => string {
  const key = crypto.randomBytes(32);
  return (address) => crypto.createHmac('sha256', key).update(address).digest('base64url').slice(0, 16);
}
