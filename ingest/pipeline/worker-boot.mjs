// Starts a worker thread written in TypeScript: registers tsx's loader in the thread (a worker does not inherit the
// loader its parent got from `tsx` or `--import tsx`, nor vitest's), then imports the module named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
