/**
 * The figures the Front published on 16 September 2025, which the demo reproduces exactly.
 */

export const PUBLISHED = {
  asOf: '2025-09-16',
  communes: 3321,
  communesWithVillageList: 2280, // 68.65 %
  villagesCreated: 61223, // 67.64 % of the expected total
  // The Front published the share (67.64 %), not the expected total; 90,512 is a total that gives it
  // (61,223 / 90,512 = 67.64 %) and matches "about 90,500 villages, hamlets and residential groups".
  villagesExpected: 90512,
  provincesWithRoster: 34,
  communesWithRoster: 2237, // 67.36 %
  officersProvince: 7108,
  officersCommune: 270176,
  /** Provinces where every commune has created its village list (matched on the name after "Tỉnh"/"Thành phố"). */
  completeProvinces: ['Bắc Ninh', 'Hưng Yên', 'Cao Bằng', 'Hà Tĩnh', 'Huế', 'Quảng Ngãi', 'Tây Ninh', 'Cà Mau'],
} as const;
