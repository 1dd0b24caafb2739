/**
 * How a command prints an ingest summary for a person: the counts, then each error as "file:row field: message".
 */
import type { IngestSummary } from '../pipeline/run.js';

export function printSummary(s: IngestSummary, via?: string, out: NodeJS.WriteStream = process.stdout): void {
  out.write(`${s.kind} from ${s.file} (${s.encoding})${via ? ` ${via}` : ''}: run ${s.runId}\n`);
  out.write(`  read ${s.read}, stored ${s.stored}, duplicates ${s.duplicates}, quarantined ${s.quarantined}\n`);
  for (const e of s.errors) out.write(`  ${s.file}:${e.row} ${e.field}: ${e.message}\n`);
  if (s.quarantined > 0) {
    out.write(`  the ${s.quarantined} quarantined row(s) are kept: npm run ingest:quarantine -- ${s.runId} [--export FILE] to list or correct them\n`);
  }
}
