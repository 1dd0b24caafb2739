/**
 * Preloaded into a command the ingest benchmarks run (`node --import tsx --import ./bench/exit-usage.mjs …`): when the
 * process exits, writes what it used to the file named by EXIT_USAGE_FILE, as JSON: its peak resident set size in
 * bytes and its CPU time in seconds (user and system, every thread: worker threads and the embedded engine included).
 * Commands end with process.exit, which still emits 'exit'.
 * Plain JavaScript: worker threads inherit --import but not tsx's loader (see ingest/pipeline/worker-boot.mjs).
 */
import fs from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.EXIT_USAGE_FILE;
// TRICKY: worker threads run this too; only the main thread speaks for the process.
if (file && isMainThread) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    // maxRSS is in kibibytes, CPU times in microseconds.
    fs.writeFileSync(file, JSON.stringify({ peakRssBytes: usage.maxRSS * 1024, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 }));
  });
}
