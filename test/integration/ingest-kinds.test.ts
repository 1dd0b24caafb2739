/**
 * Every kind of data from every format and encoding, into the real engine on top of the real registry: the UTF-8
 * samples are stored as written (NFC, real diacritics), and the same data in TCVN3, VNI, Windows-1258, UTF-16, XLSX
 * (title block, merged cells, named sheet) and JSON Lines is found to be exactly what was stored (all duplicates).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestKind } from '../../ingest/kinds/spec.js';
import { loadSealer } from '../../analytics/privacy/seal.js';
import { activeVersion } from '../../analytics/nlp/reviews.js';
import { openIngestStore } from '../support/store.js';
import { writeFile } from '../support/files.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../ingest/samples');
const sample = (name: string) => path.join(SAMPLES, name);

let t: Awaited<ReturnType<typeof openIngestStore>>;
const load = (kind: IngestKind, file: string, options: { sheet?: string } = {}) => t.load(kind, file, options);

beforeAll(async () => {
  t = await openIngestStore();
});
afterAll(async () => t.close());

/** A CSV sample as JSON Lines: one object per row, keyed by the sample's own (Vietnamese) headers. */
function asJsonLines(file: string, delimiter: string, skip = 0): string {
  const rows = parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { delimiter, relax_column_count: true, from_line: skip + 1 }) as string[][];
  const [header = [], ...data] = rows;
  const text = data.map((r) => JSON.stringify(Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']).filter(([, v]) => v !== '')))).join('\n');
  return writeFile(`${path.basename(file)}.jsonl`, `${text}\n`);
}

/** A JSON Lines sample as CSV (comma, quoted, with a BOM). */
function asCsv(file: string): string {
  const records = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const text = [columns.map(quote).join(','), ...records.map((r) => columns.map((c) => quote(r[c] ?? '')).join(','))].join('\r\n');
  return writeFile(`${path.basename(file)}.csv`, `\uFEFF${text}\r\n`);
}

interface Case {
  kind: IngestKind;
  sample: string;
  rows: number;
  /** Each variant with the encoding the summary reports and, for workbooks, the sheet. */
  variants: () => [file: string, encoding: string, sheet?: string][];
}

const CASES: Case[] = [
  {
    kind: 'units',
    sample: 'units.csv',
    rows: 12,
    variants: () => [
      [sample('variants/units.vni.csv'), 'vni (detected)'],
      [sample('variants/units.xlsx'), 'xlsx (UTF-8)', 'Danh sách thôn'],
      [asJsonLines(sample('units.csv'), ','), 'utf-8 (detected)'],
    ],
  },
  {
    kind: 'officers',
    sample: 'officers.csv',
    rows: 7,
    variants: () => [
      [sample('variants/officers.tcvn3.csv'), 'tcvn3 (detected)'],
      [sample('variants/officers.xlsx'), 'xlsx (UTF-8)'],
      [asJsonLines(sample('officers.csv'), ','), 'utf-8 (detected)'],
    ],
  },
  {
    kind: 'weekly_reports',
    sample: 'weekly_reports.csv',
    rows: 4,
    variants: () => [
      [sample('variants/weekly_reports.windows-1258.csv'), 'windows-1258 (detected)'],
      [sample('variants/weekly_reports.xlsx'), 'xlsx (UTF-8)'],
      [asJsonLines(sample('weekly_reports.csv'), ';', 3), 'utf-8 (detected)'],
    ],
  },
  {
    kind: 'petitions',
    sample: 'petitions.jsonl',
    rows: 6,
    variants: () => [
      [asCsv(sample('petitions.jsonl')), 'utf-8 with BOM (detected)'],
      [sample('variants/petitions.xlsx'), 'xlsx (UTF-8)'],
    ],
  },
  {
    kind: 'petition_events',
    sample: 'petition_events.tsv',
    rows: 6,
    variants: () => [
      [sample('variants/petition_events.utf-16be.tsv'), 'utf-16be (detected)'],
      [sample('variants/petition_events.xlsx'), 'xlsx (UTF-8)'],
      [asJsonLines(sample('petition_events.tsv'), '\t'), 'utf-8 (detected)'],
    ],
  },
  {
    kind: 'opinion_posts',
    sample: 'opinion_posts.csv',
    rows: 4,
    variants: () => [
      [sample('variants/opinion_posts.utf-16le.csv'), 'utf-16le (detected)'],
      [sample('variants/opinion_posts.xlsx'), 'xlsx (UTF-8)'],
      [asJsonLines(sample('opinion_posts.csv'), ';'), 'utf-8 (detected)'],
    ],
  },
];

describe('each kind from each format and encoding', () => {
  for (const c of CASES) {
    it(`${c.kind}: the sample stores every row, and every other form of it is found stored`, async () => {
      const first = await load(c.kind, sample(c.sample));
      expect(first).toMatchObject({ kind: c.kind, read: c.rows, stored: c.rows, duplicates: 0, quarantined: 0, errors: [] });
      for (const [file, encoding, sheet] of c.variants()) {
        const again = await load(c.kind, file, { sheet });
        expect({ ...again, variant: path.basename(file) }).toMatchObject({ encoding, read: c.rows, stored: 0, duplicates: c.rows, quarantined: 0, errors: [] });
      }
    });
  }

  it('keeps the Vietnamese as written, in NFC, under the real units', async () => {
    const villages = await t.store.query<{ code: string; name: string; unit_type: string }>(
      "SELECT code, name, unit_type FROM units FINAL WHERE level = 'village' AND commune_code = '00226' ORDER BY code",
    );
    expect(villages).toEqual([
      { code: '00226-001', name: 'Tổ dân phố số 1', unit_type: 'tổ dân phố' },
      { code: '00226-002', name: 'Tổ dân phố số 2', unit_type: 'tổ dân phố' },
      { code: '00226-003', name: 'Tổ dân phố Văn Chương', unit_type: 'tổ dân phố' },
      { code: '00226-004', name: 'Tổ dân phố Quốc Tử Giám', unit_type: 'tổ dân phố' },
    ]);
    const [ward] = await t.store.query<{ name: string }>("SELECT name FROM units FINAL WHERE code = '00226' ORDER BY valid_from DESC LIMIT 1");
    expect(ward?.name).toBe('Phường Văn Miếu - Quốc Tử Giám');
    const names = await t.store.query<{ full_name: string; organisation: string }>('SELECT full_name, toString(organisation) AS organisation FROM officers FINAL ORDER BY officer_id');
    expect(names[0]).toEqual({ full_name: 'Nguyễn Thị Hồng Nhung', organisation: 'mttq' });
    expect(names.every((n) => n.full_name === n.full_name.normalize('NFC'))).toBe(true);
    const posts = await t.store.query<{ text: string }>("SELECT text FROM opinion_posts FINAL WHERE commune_code = '00226'");
    expect(posts[0]?.text).toBe('Phường Văn Miếu - Quốc Tử Giám tổ chức trung thu cho các cháu rất vui, cảm ơn Mặt trận phường!');
  });

  it('labels petitions and posts as they are stored, and records each petition as received', async () => {
    const [labels] = await t.store.query<{ petitions: number; posts: number }>(
      "SELECT countIf(item_kind = 'petition') AS petitions, countIf(item_kind = 'post') AS posts FROM nlp_labels",
    );
    expect(labels).toEqual({ petitions: 6, posts: 4 });
    // A store built from the official list and files has no label version chosen: the first labelled is the one the
    // dashboards read (their topics read 0 before).
    const [version] = await t.store.query<{ v: string }>('SELECT any(model_version) AS v FROM nlp_labels');
    expect(version?.v).not.toBe('');
    expect(await activeVersion(t.store)).toBe(version?.v);
    const [events] = await t.store.query<{ received: number; all: number }>("SELECT countIf(status = 'received') AS received, count() AS all FROM petition_events");
    expect(events).toEqual({ received: 6, all: 12 });
  });

  it("seals petitioners' contacts: no name, phone or ID number in the clear anywhere in the store", async () => {
    const [hits] = await t.store.query<{ n: number }>(
      "SELECT count() AS n FROM petitions WHERE positionCaseInsensitive(contact_sealed, 'Nguyễn Thị Lan') > 0 OR position(contact_sealed, '0912345678') > 0 OR position(contact_sealed, '001085012345') > 0",
    );
    expect(hits?.n).toBe(0);
    const sealed = await t.store.query<{ contact_sealed: string }>("SELECT contact_sealed FROM petitions WHERE petition_id = 'HN-2025-000101'");
    expect(loadSealer(t.config).open(sealed[0]?.contact_sealed ?? '')).toMatchObject({ name: 'Nguyễn Thị Lan', phone: '0912345678' });
  });
});
