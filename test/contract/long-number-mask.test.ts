/**
 * The two halves of the rule that masks the phones and ID numbers quoted in opinion posts: analytics/privacy/mask.ts
 * maskLongNumbers, where the API shapes its answers, and the engine's fp_mask_long_numbers (sql/migrations/0023),
 * where posts are chosen and cut into excerpts. A post must read the same from either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskLongNumbers } from '../../analytics/privacy/mask.js';
import { openTestStore, type TestStore } from '../support/store.js';

let t: TestStore;
beforeAll(async () => {
  t = await openTestStore();
});
afterAll(async () => t.close());

const TEXTS: [string, string][] = [
  ['Gọi 0912 345 678 hoặc 0912.345.678', 'Gọi •••• ••• ••• hoặc ••••.•••.•••'],
  ['CCCD 001203004567, CMND 123456789', 'CCCD ••••••••••••, CMND •••••••••'],
  ['+84 912-345-678 (Zalo)', '+•• •••-•••-••• (Zalo)'],
  ['0912345678', '••••••••••'],
  // Shorter numbers are the post's matter, not a contact: a year, an alley, a road, an amount, a storm.
  ['Bão số 3 năm 2025 ở ngõ 12, Quốc lộ 1A, mất 12.500.000 đồng', 'Bão số 3 năm 2025 ở ngõ 12, Quốc lộ 1A, mất 12.500.000 đồng'],
  ['12345678 và 123456789', '12345678 và •••••••••'],
  // Two spaces are no longer one number: 0912 and 345678 are each too short.
  ['0912  345678', '0912  345678'],
  ['Phường Văn Miếu - Quốc Tử Giám, số 0987654321.', 'Phường Văn Miếu - Quốc Tử Giám, số ••••••••••.'],
  ['', ''],
  ['không có số nào', 'không có số nào'],
];

describe('phones and ID numbers in posts, masked in JavaScript and in the engine', () => {
  it('masks the same characters, one for one, and keeps the rest as written', async () => {
    const values = TEXTS.map(([text]) => text);
    expect(values.map(maskLongNumbers)).toEqual(TEXTS.map(([, masked]) => masked));
    const rows = await t.store.query<{ masked: string }>('SELECT fp_mask_long_numbers(arrayJoin({values:Array(String)})) AS masked', { values });
    expect(rows.map((r) => r.masked)).toEqual(TEXTS.map(([, masked]) => masked));
    for (const [text, masked] of TEXTS) expect([...masked]).toHaveLength([...text].length);
  });
});
