/**
 * The server's write line: jobs that store data (an upload, an inbox file, a feed pull, a registry import, relabelling)
 * run one after another. Two loads of overlapping files then never both find a record new and both store it, and the
 * two cores stay free for the labelling threads of the job that runs.
 */
export interface WriteJob {
  label: string;
  queuedAt: number;
}

export class WriteLine {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly jobs: WriteJob[] = [];

  /** Runs `job` after every job queued before it; its result or error comes back to the caller alone. */
  run<T>(label: string, job: () => Promise<T>): Promise<T> {
    const entry: WriteJob = { label, queuedAt: Date.now() };
    this.jobs.push(entry);
    const result = this.tail.then(job);
    const settle = () => {
      this.jobs.splice(this.jobs.indexOf(entry), 1);
    };
    this.tail = result.then(settle, settle);
    return result;
  }

  /** What runs (first) and waits, for health and logs. */
  get pending(): readonly WriteJob[] {
    return this.jobs;
  }

  /** Resolves when every job queued so far has settled (closing the server). */
  async idle(): Promise<void> {
    while (this.jobs.length > 0) await this.tail;
  }
}
