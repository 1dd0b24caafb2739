/**
 * The audit log: who read or changed what, and every log-in attempt. Entries are kept in memory and written in
 * batches (every two seconds, or at 500 entries, and when the server closes), so that reading the API does not cost an
 * insert per request. Details never hold a password or a personal value.
 */
import type { Store } from '../store/index.js';
import { timeInVietnam } from '../clock.js';

export interface AuditEntry {
  user_id: string;
  login: string;
  action: 'read' | 'change' | 'login' | 'login_failed' | 'logout' | 'token_created' | 'user_created';
  method: string;
  route: string;
  unit_code: string;
  detail: string;
  status: number;
  ip: string;
}

export class AuditLog {
  private buffer: (AuditEntry & { at: string })[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly onError: (error: unknown) => void,
    private readonly flushMs = 2000,
  ) {}

  record(entry: AuditEntry): void {
    this.buffer.push({ ...entry, detail: entry.detail.slice(0, 2000), at: timeInVietnam() });
    if (this.buffer.length >= 500) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushMs).unref();
  }

  /** Writes what is buffered; resolves when it is stored. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    this.flushing = this.flushing.then(async () => {
      if (batch.length === 0) return;
      try {
        await this.store.insert('audit_log', batch);
      } catch (error) {
        this.onError(error);
      }
    });
    return this.flushing;
  }
}
