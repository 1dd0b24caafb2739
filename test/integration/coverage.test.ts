/**
 * Rollout coverage on a hand-made registry, with numbers checked by hand.
 *
 *   VN ── 01 ─┬ 00001 xã A   villages 00001-001 (Aug), -002, -003 (Sep); expects 4; officers 2 (+1 recorded later) +1 village officer
 *             ├ 00002 ward B village 00002-001 listed 1 Oct; expects 5
 *             └ 00003 xã C   village 00003-001 closed 1 Sep; expects 2, revised to 3 from 1 Aug
 *        └ 02 ── 00010 xã D  no villages; expects 6; officers 1
 *   Province 01 has 2 active officers and 1 who left; province 02 none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCoverage, UnknownUnitError } from '../../analytics/questions/coverage.js';
import { openTestStore, type TestStore } from '../support/store.js';
import { insertAll, officer, target, unit } from '../support/builders.js';

let t: TestStore;
beforeAll(async () => {
  t = await openTestStore();
  await insertAll(t.store, {
    units: [
      unit('VN', 'central', 'Trung ương'),
      unit('01', 'province', 'Tỉnh Một'),
      unit('02', 'province', 'Tỉnh Hai'),
      unit('00001', 'commune', 'Xã A', { province_code: '01', parent_code: '01' }),
      unit('00002', 'commune', 'Phường B', { province_code: '01', parent_code: '01', unit_type: 'phường' }),
      unit('00003', 'commune', 'Xã C', { province_code: '01', parent_code: '01' }),
      unit('00010', 'commune', 'Xã D', { province_code: '02', parent_code: '02' }),
      unit('00001-001', 'village', 'Thôn Đông', { province_code: '01', valid_from: '2025-08-01' }),
      unit('00001-002', 'village', 'Thôn Đoài', { province_code: '01', valid_from: '2025-09-01' }),
      unit('00001-003', 'village', 'Thôn Trung', { province_code: '01', valid_from: '2025-09-01' }),
      unit('00002-001', 'village', 'Tổ dân phố 1', { province_code: '01', valid_from: '2025-10-01', unit_type: 'tổ dân phố' }),
      unit('00003-001', 'village', 'Thôn Cũ', { province_code: '01', valid_from: '2025-07-15', valid_to: '2025-09-01' }),
    ],
    unit_targets: [target('00001', 4), target('00002', 5), target('00003', 2), target('00003', 3, '2025-08-01'), target('00010', 6)],
    officers: [
      officer('01', 'province', '01'),
      officer('01', 'province', '01'),
      officer('01', 'province', '01', { is_active: 0 }),
      officer('00001', 'commune', '01'),
      officer('00001', 'commune', '01', { updated_at: '2025-09-10 09:00:00' }),
      officer('00001', 'commune', '01', { first_recorded_at: '2025-09-20 08:00:00', updated_at: '2025-09-20 08:00:00' }),
      officer('00001-001', 'village', '01'),
      officer('00010', 'commune', '02'),
    ],
  });
});
afterAll(async () => t.close());

describe('coverage', () => {
  it('answers the national level with the hand-counted figures', async () => {
    const c = await getCoverage(t.store, 'VN', '2025-09-16');
    expect(c.unit).toEqual({ code: 'VN', name: 'Trung ương', level: 'central' });
    expect(c.communes).toEqual({ total: 4, withVillageList: 1, withVillageListPct: 25 });
    expect(c.villages).toEqual({ created: 3, expected: 18, createdPct: 16.67 });
    expect(c.rosters).toEqual({
      provincesTotal: 2,
      provincesUpdated: 1,
      communesUpdated: 2,
      communesUpdatedPct: 50,
      officers: { province: 2, commune: 3, village: 1 },
      updatedAt: '2025-09-10 09:00:00',
    });
    expect(c.children.map((ch) => [ch.unit.code, ch.communes.total, ch.communes.withVillageList, ch.villages.created, ch.rosters.officers.province])).toEqual([
      ['01', 3, 1, 3, 2],
      ['02', 1, 0, 0, 0],
    ]);
  });

  it('moves with the day asked for: lists made later count from their day, closed villages stop counting', async () => {
    const july = await getCoverage(t.store, 'VN', '2025-07-20');
    expect(july.communes.withVillageList).toBe(1); // only Xã C's village, closed on 1 September
    expect(july.villages).toMatchObject({ created: 1, expected: 17 }); // Xã C's target was still 2
    const october = await getCoverage(t.store, 'VN', '2025-10-15');
    expect(october.communes.withVillageList).toBe(2);
    expect(october.villages.created).toBe(4);
    expect(october.rosters.officers.commune).toBe(4);
  });

  it('answers a province with its communes as children and its own roster in the total', async () => {
    const c = await getCoverage(t.store, '01', '2025-09-16');
    expect(c.communes).toEqual({ total: 3, withVillageList: 1, withVillageListPct: 33.33 });
    expect(c.rosters).toMatchObject({ provincesTotal: 1, provincesUpdated: 1, communesUpdated: 1, officers: { province: 2, commune: 2, village: 1 } });
    expect(c.children.map((ch) => ch.unit.code)).toEqual(['00001', '00002', '00003']);
    const a = c.children[0];
    expect(a?.villages).toEqual({ created: 3, expected: 4, createdPct: 75 });
    expect(a?.rosters).toMatchObject({ provincesTotal: 0, communesUpdated: 1, officers: { province: 0, commune: 2, village: 1 } });
  });

  it('answers a commune with its villages as children', async () => {
    const c = await getCoverage(t.store, '00001', '2025-09-16');
    expect(c.unit).toEqual({ code: '00001', name: 'Xã A', level: 'commune' });
    expect(c.communes).toEqual({ total: 1, withVillageList: 1, withVillageListPct: 100 });
    expect(c.villages).toEqual({ created: 3, expected: 4, createdPct: 75 });
    expect(c.rosters.officers).toEqual({ province: 0, commune: 2, village: 1 });
    expect(c.children.map((v) => [v.unit.code, v.unit.name, v.rosters.officers.village])).toEqual([
      ['00001-001', 'Thôn Đông', 1],
      ['00001-002', 'Thôn Đoài', 0],
      ['00001-003', 'Thôn Trung', 0],
    ]);
  });

  it('answers a village on its own, without children', async () => {
    const c = await getCoverage(t.store, '00001-001', '2025-09-16');
    expect(c.unit.level).toBe('village');
    expect(c.villages.created).toBe(1);
    expect(c.children).toEqual([]);
  });

  it('refuses a code that is not a unit in force on that day', async () => {
    await expect(getCoverage(t.store, '99', '2025-09-16')).rejects.toBeInstanceOf(UnknownUnitError);
    await expect(getCoverage(t.store, '00002-001', '2025-09-16')).rejects.toThrow(/not|No unit/);
  });
});
