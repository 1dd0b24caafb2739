/**
 * Labelled corpora: reading a CSV of texts and labels (any columns, any label set), and the deterministic split of the
 * hand-written corpus into what trains the shipped models and what is kept apart to evaluate them.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { hashString } from './features.js';

export interface Example {
  text: string;
  label: string;
  /** The file's row (header = row 1), for error messages. */
  row: number;
}

export class CorpusError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Reads `textColumn` and `labelColumn` of a CSV (comma, semicolon or tab; BOM allowed). Rows with an empty text or label are refused. */
export function readLabelled(file: string, textColumn: string, labelColumn: string): Example[] {
  if (!fs.existsSync(file)) throw new CorpusError(`${file}: no such file`);
  const content = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const firstLine = content.slice(0, content.indexOf('\n') >>> 0);
  const delimiter = [',', ';', '\t'].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0] as string;
  const records = parse(content, { delimiter, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  const header = records[0]?.record ?? [];
  const t = header.indexOf(textColumn);
  const l = header.indexOf(labelColumn);
  if (t < 0 || l < 0) {
    const missing = [t < 0 ? textColumn : null, l < 0 ? labelColumn : null].filter(Boolean).join(', ');
    throw new CorpusError(`${file}: no column ${missing} (columns: ${header.join(', ')})`);
  }
  const examples: Example[] = [];
  const problems: string[] = [];
  for (const { record, info } of records.slice(1)) {
    const text = (record[t] ?? '').trim();
    const label = (record[l] ?? '').trim();
    if (!text) problems.push(`${file}:${info.lines} ${textColumn}: empty text`);
    else if (!label) problems.push(`${file}:${info.lines} ${labelColumn}: empty label`);
    else examples.push({ text, label, row: info.lines });
  }
  if (problems.length > 0) throw new CorpusError(`${problems.length} row(s) cannot be used:\n${problems.slice(0, 20).join('\n')}`);
  if (examples.length === 0) throw new CorpusError(`${file}: no labelled rows`);
  return examples;
}

/**
 * Whether a text belongs to a held-out part: a fixed hash of its text, so a split never moves between runs.
 * `salt` names the split: the shipped models' test split and the training's tuning split must not coincide.
 */
export function isHeldOut(text: string, share: number, salt = 'test'): boolean {
  return hashString(`${salt}\u0000${text.normalize('NFC').toLowerCase()}`, 0x5eed) / 2 ** 32 < share;
}
