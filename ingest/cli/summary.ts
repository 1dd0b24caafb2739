/**
 * How a command prints an ingest summary for a person: the counts, then each error as "file:row field: message", in
 * the language of its reasons (--lang).
 */
import type { Lang } from '../faults.js';
import type { IngestSummary } from '../pipeline/run.js';

const WORDS: Record<Lang, { from: string; run: string; counts: (s: IngestSummary) => string; kept: (s: IngestSummary) => string }> = {
  en: {
    from: 'from',
    run: 'run',
    counts: (s) => `read ${s.read}, stored ${s.stored}, duplicates ${s.duplicates}, quarantined ${s.quarantined}`,
    kept: (s) => `the ${s.quarantined} quarantined row(s) are kept: npm run ingest:quarantine -- ${s.runId} [--export FILE] to list or correct them`,
  },
  vi: {
    from: 'từ',
    run: 'lần nạp',
    counts: (s) => `đã đọc ${s.read}, đã lưu ${s.stored}, trùng ${s.duplicates}, giữ lại ${s.quarantined}`,
    kept: (s) => `${s.quarantined} dòng bị giữ lại được lưu để sửa: npm run ingest:quarantine -- ${s.runId} [--export TỆP] để xem hoặc sửa`,
  },
};

export function printSummary(s: IngestSummary, via?: string, lang: Lang = 'en', out: NodeJS.WriteStream = process.stdout): void {
  const w = WORDS[lang];
  out.write(`${s.kind} ${w.from} ${s.file} (${s.encoding})${via ? ` ${via}` : ''}: ${w.run} ${s.runId}\n`);
  out.write(`  ${w.counts(s)}\n`);
  for (const e of s.errors) out.write(`  ${s.file}:${e.row} ${e.field}: ${e.message}\n`);
  if (s.quarantined > 0) out.write(`  ${w.kept(s)}\n`);
}
