/**
 * The inbox: a folder (INBOX_DIR) where provinces' files are dropped, on a share or by a sync job. Each look (on the
 * INBOX_SCHEDULE) takes the files that have settled, one at a time:
 *   INBOX_DIR/officers/roster-ha-noi.xlsx   the kind from the subfolder
 *   INBOX_DIR/officers-ha-noi.xlsx          or from the start of the name (kind, then - _ . or a space)
 * A file is first moved to .processing/ (so a file is never taken twice, and a killed run is taken again at the next
 * look: the kinds' natural keys keep it from storing anything twice), loaded, then moved to done/ (the run finished;
 * its quarantined rows are in the summary) or failed/ (it could not be read, or its kind is unknown), with
 * NAME.summary.json beside it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../../analytics/store/index.js';
import type { Sealer } from '../../analytics/privacy/seal.js';
import { ingestFile } from '../pipeline/ingest.js';
import type { IngestSummary } from '../pipeline/run.js';
import { fileSource } from '../readers/index.js';
import { INGEST_KINDS, type IngestKind } from '../kinds/spec.js';
import { WordedError, type Lang } from '../faults.js';

export const DONE = 'done';
export const FAILED = 'failed';
const PROCESSING = '.processing';
const SUMMARY_SUFFIX = '.summary.json';

/** Names of files that are still being written or are not data: editors' lock files, partial downloads. */
const NOT_DATA = /^(\.|~\$)|\.(part|partial|tmp|crdownload|download|swp|lock)$|\.summary\.json$/i;

export interface InboxOptions {
  /** A file is taken once it has not changed for this many seconds. */
  settleSeconds: number;
  sealer: Sealer;
  /** The language of the summaries' reasons, and of a failed file's. */
  lang: Lang;
  /** Runs the load of one file (the server passes its write line). */
  runJob?: <T>(label: string, job: () => Promise<T>) => Promise<T>;
  now?: () => number;
}

export interface InboxOutcome {
  file: string;
  kind: IngestKind | null;
  /** Where the file went (relative to the inbox). */
  movedTo: string;
  summary?: IngestSummary;
  error?: string;
}

interface Candidate {
  /** Where the file is now. */
  full: string;
  /** Its path in the inbox, as the summary names it. */
  relative: string;
  kind: IngestKind | null;
}

/** The kind a file is for, from its folder or its name; longer kinds first so that no kind hides another. */
export function kindOfInboxFile(relative: string): IngestKind | null {
  const parts = relative.split(/[\\/]/);
  const byLength = [...INGEST_KINDS].sort((a, b) => b.length - a.length);
  if (parts.length > 1) return byLength.find((k) => k === parts[0]) ?? null;
  const name = (parts[0] ?? '').toLowerCase();
  return byLength.find((k) => name.startsWith(k) && /^[-_. ]/.test(name.slice(k.length))) ?? null;
}

/** The files of the inbox ready to be taken, oldest first: unfinished runs from .processing/ first of all. */
function candidates(dir: string, settleMs: number, now: number): Candidate[] {
  const found: (Candidate & { mtime: number })[] = [];
  const visit = (folder: string, relative: string, depth: number) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (NOT_DATA.test(entry.name)) continue;
      const full = path.join(folder, entry.name);
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (depth === 0 && entry.name !== DONE && entry.name !== FAILED) visit(full, rel, 1);
        continue;
      }
      if (!entry.isFile()) continue;
      const stat = fs.statSync(full);
      if (settleMs > 0 && now - stat.mtimeMs < settleMs) continue;
      found.push({ full, relative: rel, kind: kindOfInboxFile(rel), mtime: stat.mtimeMs });
    }
  };
  visit(dir, '', 0);
  found.sort((a, b) => a.mtime - b.mtime || a.relative.localeCompare(b.relative));
  const processing = path.join(dir, PROCESSING);
  const resumed: Candidate[] = fs.existsSync(processing)
    ? fs
        .readdirSync(processing)
        .filter((n) => !NOT_DATA.test(n))
        .sort()
        .map((n) => {
          const relative = decodeURIComponent(n);
          return { full: path.join(processing, n), relative, kind: kindOfInboxFile(relative) };
        })
    : [];
  return [...resumed, ...found];
}

/** A free name in `folder` for `name`: the name itself, or with " (2)", " (3)" … before the extension. */
function freeName(folder: string, name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${stem} (${n})${ext}`;
    if (!fs.existsSync(path.join(folder, candidate)) && !fs.existsSync(path.join(folder, candidate + SUMMARY_SUFFIX))) return candidate;
  }
}

/** Looks at the inbox once and loads every settled file; returns what became of each. */
export async function processInbox(store: Store, dir: string, options: InboxOptions): Promise<InboxOutcome[]> {
  for (const folder of [DONE, FAILED, PROCESSING]) fs.mkdirSync(path.join(dir, folder), { recursive: true });
  const now = options.now?.() ?? Date.now();
  const runJob = options.runJob ?? (<T>(_label: string, job: () => Promise<T>) => job());
  const outcomes: InboxOutcome[] = [];
  for (const file of candidates(dir, options.settleSeconds * 1000, now)) {
    // Claimed: a file in .processing/ is named by its inbox path, so that a resumed run knows its kind.
    const claimed = path.join(dir, PROCESSING, encodeURIComponent(file.relative));
    if (file.full !== claimed) {
      try {
        fs.renameSync(file.full, claimed);
      } catch {
        continue; // taken or removed meanwhile
      }
    }
    let summary: IngestSummary | undefined;
    let error: string | undefined;
    const kind = file.kind;
    if (!kind) {
      error = new WordedError(file.relative, { code: 'kind_unknown', params: { kinds: INGEST_KINDS.join(', ') } }).worded(options.lang);
    } else {
      try {
        // The name in summaries and runs in NFC (a share fed from a Mac writes names decomposed); the file keeps its own.
        const source = { ...fileSource(claimed), name: `inbox/${file.relative}`.normalize('NFC') };
        summary = await runJob(`inbox ${file.relative}`, () => ingestFile(store, kind, source, { wayIn: 'inbox', startedBy: 'inbox', sealer: options.sealer, lang: options.lang }));
      } catch (e) {
        error = e instanceof WordedError ? e.worded(options.lang) : (e as Error).message;
      }
    }
    const folder = path.join(dir, summary ? DONE : FAILED);
    const name = freeName(folder, path.basename(file.relative));
    fs.renameSync(claimed, path.join(folder, name));
    const movedTo = `${summary ? DONE : FAILED}/${name}`;
    const report = summary ? { ...summary, movedTo } : { file: `inbox/${file.relative}`, kind, error, movedTo };
    fs.writeFileSync(path.join(folder, name + SUMMARY_SUFFIX), `${JSON.stringify(report, null, 2)}\n`);
    outcomes.push({ file: file.relative, kind, movedTo, summary, error });
  }
  return outcomes;
}
