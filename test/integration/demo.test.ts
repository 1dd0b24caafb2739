/**
 * The demo dataset on the real registry: the published figures of 16 September 2025 exactly, determinism,
 * and the shape of the year (52 weeks of reports with gaps, petitions with histories, posts with places).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemo, DemoRefusedError, type DemoOptions } from '../../ingest/demo/index.js';
import { PUBLISHED } from '../../ingest/demo/published.js';
import { loadSealer } from '../../analytics/privacy/seal.js';
import { getCoverage } from '../../analytics/questions/coverage.js';
import { META, readMeta } from '../../analytics/queries/meta.js';
import { openTestStore, type TestStore } from '../support/store.js';

const SMALL: DemoOptions = { petitions: 3000, posts: 2000 };
let t: TestStore;
const digest = async () =>
  (
    await t.store.query<{ d: string }>(
      "SELECT toString(sum(cityHash64(petition_id, text, received_at, commune_code))) AS d FROM petitions",
    )
  )[0]?.d;

beforeAll(async () => {
  t = await openTestStore();
  await buildDemo(t.store, loadSealer(t.config), SMALL);
});
afterAll(async () => t.close());

describe('demo dataset', () => {
  it('reproduces the national figures published on 16 September 2025', async () => {
    const c = await getCoverage(t.store, 'VN', '2025-09-16');
    expect(c.communes).toEqual({ total: 3321, withVillageList: 2280, withVillageListPct: 68.65 });
    expect(c.villages.created).toBe(61223);
    expect(c.villages.createdPct).toBe(67.64);
    expect(c.rosters).toMatchObject({
      provincesTotal: 34,
      provincesUpdated: 34,
      communesUpdated: 2237,
      communesUpdatedPct: 67.36,
      officers: { province: 7108, commune: 270176, village: 0 },
    });
  });

  it('has every commune of the eight named provinces with its village list', async () => {
    const c = await getCoverage(t.store, 'VN', '2025-09-16');
    const complete = c.children.filter((p) => PUBLISHED.completeProvinces.some((n) => p.unit.name.endsWith(` ${n}`)));
    expect(complete.map((p) => p.unit.name).sort()).toEqual([
      'Thành phố Huế', 'Tỉnh Bắc Ninh', 'Tỉnh Cao Bằng', 'Tỉnh Cà Mau', 'Tỉnh Hà Tĩnh', 'Tỉnh Hưng Yên', 'Tỉnh Quảng Ngãi', 'Tỉnh Tây Ninh',
    ]);
    for (const p of complete) expect(p.communes.withVillageList, p.unit.name).toBe(p.communes.total);
    // …and some provinces lag well behind.
    expect(Math.min(...c.children.map((p) => p.communes.withVillageListPct))).toBeLessThan(40);
  });

  it('has the sizes asked for, every petition with its receipt event and every item labelled', async () => {
    const [row] = await t.store.query<Record<string, number>>(`
      SELECT
        (SELECT count() FROM petitions) AS petitions,
        (SELECT count() FROM opinion_posts) AS posts,
        (SELECT count() FROM nlp_labels) AS labels,
        (SELECT uniqExactIf(petition_id, status = 'received') FROM petition_events) AS received,
        (SELECT count() FROM (SELECT petition_id, argMaxMerge(status) AS s FROM petition_status GROUP BY petition_id) WHERE s IN ('answered', 'closed')) AS answered`);
    expect(row).toMatchObject({ petitions: 3000, posts: 2000, labels: 5000, received: 3000 });
    expect(row?.answered).toBeGreaterThan(1500);
  });

  it('spreads 52 weeks of reports, with late and missing reporters', async () => {
    const weeks = await t.store.query<{ week_start: string; reporters: number; late: number }>(`
      SELECT week_start, count() AS reporters, countIf(first_submitted_at >= week_start + 8) AS late
      FROM (SELECT week_start, unit_code, min(first_submitted_at) AS first_submitted_at FROM weekly_report_submissions GROUP BY week_start, unit_code)
      GROUP BY week_start ORDER BY week_start`);
    expect(weeks).toHaveLength(52);
    expect(weeks.at(-1)?.week_start).toBe('2025-09-08');
    const units = 34 + 3321;
    expect(weeks.every((w) => w.reporters < units)).toBe(true);
    expect(weeks.reduce((n, w) => n + w.late, 0)).toBeGreaterThan(0);
    expect((weeks[0]?.reporters ?? 0) < (weeks.at(-1)?.reporters ?? 0)).toBe(true); // adoption grew
  });

  it('writes Vietnamese in NFC, some of it without diacritics, and seals every petitioner contact', async () => {
    const [row] = await t.store.query<Record<string, number>>(`
      SELECT countIf(text != normalizeUTF8NFC(text)) AS not_nfc,
             countIf(NOT match(text, '[^\\\\x00-\\\\x7F]')) AS ascii_only,
             countIf(contact_sealed != '' AND NOT startsWith(contact_sealed, 'v1.')) AS unsealed,
             countIf(contact_sealed != '') AS with_contact
      FROM petitions`);
    expect(row?.not_nfc).toBe(0);
    expect(row?.ascii_only).toBeGreaterThan(0);
    expect(row?.unsealed).toBe(0);
    expect(row?.with_contact).toBeGreaterThan(1000);
  });

  it('records itself as a demo with its reference day', async () => {
    const meta = await readMeta(t.store);
    expect(meta.get(META.dataset)).toBe('demo');
    expect(meta.get(META.referenceDate)).toBe('2025-09-16');
  });

  it('builds the same data from the same seed', async () => {
    const first = await digest();
    await buildDemo(t.store, loadSealer(t.config), SMALL);
    expect(await digest()).toBe(first);
    const c = await getCoverage(t.store, 'VN', '2025-09-16');
    expect(c.villages.created).toBe(61223); // rebuilt, not added twice
  });

  it('will not replace data that did not come from the demo, unless forced', async () => {
    await t.store.insert('officers', [{ officer_id: 'real-1', unit_code: '01', unit_level: 'province', province_code: '01', ingest_run_id: 'run-x', first_recorded_at: '2025-09-01 00:00:00', updated_at: '2025-09-01 00:00:00' }]);
    await expect(buildDemo(t.store, loadSealer(t.config), SMALL)).rejects.toBeInstanceOf(DemoRefusedError);
    await expect(buildDemo(t.store, loadSealer(t.config), SMALL)).rejects.toThrow(/officers: 1 rows/);
  });
});
