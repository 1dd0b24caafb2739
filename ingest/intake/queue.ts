/**
 * The intake queue's door: submissions are stored in petition_submissions before the citizen is told they were
 * received. Requests that arrive together are written in one insert (group commit): each waits for the insert that
 * carries it, so an acknowledgement always means stored, and 200 submissions a second cost a few inserts, not 200.
 */
import type { Store } from '../../analytics/store/index.js';
import type { SubmissionRow } from './submission.js';

/** At most this many submissions in one insert. */
const MAX_BATCH = 1000;

interface Waiting {
  row: SubmissionRow;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class SubmissionQueue {
  private waiting: Waiting[] = [];
  private writing: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    /** Told after each insert, with the rows stored (the router starts its pass). */
    private readonly stored: (rows: SubmissionRow[]) => void = () => {},
  ) {}

  /** Resolves once the submission is stored; rejects when it could not be (the citizen is told to try again). */
  submit(row: SubmissionRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      this.writing ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    // Let the requests that arrived in this turn of the event loop join the first insert.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      try {
        await this.store.insert('petition_submissions', batch.map((w) => w.row));
        for (const w of batch) w.resolve();
        this.stored(batch.map((w) => w.row));
      } catch (error) {
        for (const w of batch) w.reject(error as Error);
      }
    }
    this.writing = undefined;
  }

  /** Resolves when every submission handed in so far is stored or refused (closing the server). */
  async idle(): Promise<void> {
    while (this.writing) await this.writing;
  }
}
