/**
 * How a command prints an ingest summary for a person: the counts, then each error as "file:row field: message", in
 * the language of its reasons (--lang).
 */
import type { Lang } from '../faults.js';
import type { IngestSummary } from '../pipeline/run.js';

type Counts = Pick<IngestSummary, 'read' | 'stored' | 'duplicates' | 'quarantined'>;

const WORDS: Record<
  Lang,
  { from: string; run: string; via: (url: string) => string; counts: (c: Counts) => string; kept: (s: IngestSummary) => string; guessed: string }
> = {
  en: {
    guessed: 'the encoding was told from a word or two: check the names stored, and declare it with --encoding tcvn3, vni or windows-1258 next time if they read wrong',
    from: 'from',
    run: 'run',
    via: (url) => `through the server at ${url}`,
    counts: (c) => `read ${c.read}, stored ${c.stored}, duplicates ${c.duplicates}, quarantined ${c.quarantined}`,
    kept: (s) => `the ${s.quarantined} quarantined row(s) are kept: npm run ingest:quarantine -- ${s.runId} [--export FILE] to list or correct them`,
  },
  vi: {
    guessed: 'bảng mã được nhận biết từ một vài chữ: hãy xem lại tên đã lưu, và lần sau khai báo --encoding tcvn3, vni hoặc windows-1258 nếu tên đọc sai',
    from: 'từ',
    run: 'lần nạp',
    via: (url) => `qua máy chủ ${url}`,
    counts: (c) => `đã đọc ${c.read}, đã lưu ${c.stored}, trùng ${c.duplicates}, giữ lại ${c.quarantined}`,
    kept: (s) => `${s.quarantined} dòng bị giữ lại được lưu để sửa: npm run ingest:quarantine -- ${s.runId} [--export TỆP] để xem hoặc sửa`,
  },
};

/** A load's counts, as a summary and a run's record both give them. */
export function countsText(c: Counts, lang: Lang = 'en'): string {
  return WORDS[lang].counts(c);
}

/** `serverUrl`: the load went through the server there. */
export function printSummary(s: IngestSummary, serverUrl?: string, lang: Lang = 'en', out: NodeJS.WriteStream = process.stdout): void {
  const w = WORDS[lang];
  out.write(`${s.kind} ${w.from} ${s.file} (${s.encoding})${serverUrl ? ` ${w.via(serverUrl)}` : ''}: ${w.run} ${s.runId}\n`);
  out.write(`  ${countsText(s, lang)}\n`);
  if (s.encoding.endsWith('(detected, uncertain)')) out.write(`  ${w.guessed}\n`);
  for (const e of s.errors) out.write(`  ${s.file}:${e.row} ${e.field}: ${e.message}\n`);
  if (s.quarantined > 0) out.write(`  ${w.kept(s)}\n`);
}
