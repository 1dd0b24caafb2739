/**
 * The two readers of times: ingest/pipeline/values.ts parseTime for the kinds checked in JavaScript, the engine's
 * fp_time (sql/migrations/0013, 0021) for the kinds checked in SQL. A day a petition file and a roster write alike must
 * be read alike, or refused alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTime } from '../../ingest/pipeline/values.js';
import { openTestStore, type TestStore } from '../support/store.js';

let t: TestStore;
beforeAll(async () => {
  t = await openTestStore();
});
afterAll(async () => t.close());

const fpTime = async (values: string[]) =>
  (
    await t.store.query<{ value: string; time: string | null }>(
      "SELECT value, if(fp_time(value) IS NULL, NULL, formatDateTime(fp_time(value), '%Y-%m-%d %H:%i:%S', 'Asia/Ho_Chi_Minh')) AS time FROM (SELECT arrayJoin({values:Array(String)}) AS value)",
      { values },
    )
  ).map((r) => r.time ?? undefined);

describe('times as files write them, read in JavaScript and in the engine', () => {
  it('reads the written forms alike', async () => {
    const read: [string, string][] = [
      ['2025-09-16', '2025-09-16 00:00:00'],
      ['2025-09-16 14:30', '2025-09-16 14:30:00'],
      ['2025-09-16T14:30:05', '2025-09-16 14:30:05'],
      ['2025-09-16T07:30:00Z', '2025-09-16 14:30:00'],
      ['16/09/2025', '2025-09-16 00:00:00'],
      ['16/09/2025 14:30', '2025-09-16 14:30:00'],
      ['16-09-2025', '2025-09-16 00:00:00'],
      ['2025/09/16', '2025-09-16 00:00:00'],
      ['ngày 16 tháng 9 năm 2025', '2025-09-16 00:00:00'],
      ['Ngày 16 tháng 09 năm 2025', '2025-09-16 00:00:00'],
      ['45916', '2025-09-16 00:00:00'],
      ['45916.5', '2025-09-16 12:00:00'],
      ['01/01/1971', '1971-01-01 00:00:00'],
      ['31/12/2099', '2099-12-31 00:00:00'],
    ];
    expect(read.map(([value]) => parseTime(value))).toEqual(read.map(([, time]) => time));
    expect(await fpTime(read.map(([value]) => value))).toEqual(read.map(([, time]) => time));
  });

  it('refuses alike what is not a day, or a day a time cannot hold', async () => {
    // Before, the engine read "1", "12" and "2025" as days of this year or of 2025, and the days before 1970 as
    // 1970-01-01; JavaScript took the days from 1900 on, which the store then held as 1970-01-01.
    const refused = ['1', '12', '2025', '1899-12-31', '01/01/1900', '1969-12-31 23:00', '31/12/1970', '25000', '31/02/2025', 'không rõ', '16/09', '2025-W37', '99999'];
    expect(refused.map((value) => [value, parseTime(value)])).toEqual(refused.map((value) => [value, undefined]));
    expect((await fpTime(refused)).map((time, i) => [refused[i], time])).toEqual(refused.map((value) => [value, undefined]));
  });
});
