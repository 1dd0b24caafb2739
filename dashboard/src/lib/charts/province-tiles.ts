/**
 * Where each of the 34 provinces (after the 2025 merger; NSO codes) sits in a tile map of Vietnam: one tile per
 * province, north at the top, the narrow centre running down the coast, the Mekong delta at the bottom left. A tile
 * grid rather than a geographic map: every province gets the same space whatever its area, and no boundary file (and
 * its licence) needs shipping.
 */

/** [column, row] of a province's tile; rows count down from the north. */
export const PROVINCE_TILES: Readonly<Record<string, readonly [number, number]>> = {
  '12': [1, 0], // Lai Châu
  '15': [2, 0], // Lào Cai
  '08': [3, 0], // Tuyên Quang
  '04': [4, 0], // Cao Bằng
  '11': [0, 1], // Điện Biên
  '14': [1, 1], // Sơn La
  '25': [2, 1], // Phú Thọ
  '19': [3, 1], // Thái Nguyên
  '20': [4, 1], // Lạng Sơn
  '01': [2, 2], // Hà Nội
  '24': [3, 2], // Bắc Ninh
  '22': [4, 2], // Quảng Ninh
  '37': [2, 3], // Ninh Bình
  '33': [3, 3], // Hưng Yên
  '31': [4, 3], // Hải Phòng
  '38': [2, 4], // Thanh Hóa
  '40': [2, 5], // Nghệ An
  '42': [3, 6], // Hà Tĩnh
  '44': [3, 7], // Quảng Trị
  '46': [4, 8], // Huế
  '48': [4, 9], // Đà Nẵng
  '51': [4, 10], // Quảng Ngãi
  '52': [4, 11], // Gia Lai
  '66': [3, 12], // Đắk Lắk
  '56': [4, 12], // Khánh Hòa
  '75': [2, 13], // Đồng Nai
  '68': [3, 13], // Lâm Đồng
  '80': [1, 14], // Tây Ninh
  '79': [2, 14], // Hồ Chí Minh
  '91': [0, 15], // An Giang
  '82': [1, 15], // Đồng Tháp
  '86': [2, 15], // Vĩnh Long
  '92': [1, 16], // Cần Thơ
  '96': [0, 17], // Cà Mau
};

export const TILE_COLUMNS = 5;
export const TILE_ROWS = 18;

/** A province's name for a tile: without "Tỉnh" or "Thành phố"; Hồ Chí Minh City as "TP. HCM", as it is usually written. */
export function tileName(name: string): string {
  if (name === 'Thành phố Hồ Chí Minh') return 'TP. HCM';
  return name.replace(/^(Tỉnh|Thành phố)\s+/, '');
}
