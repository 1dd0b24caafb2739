import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { PlaceFinder, type FormerUnit, type PlaceUnit } from './places.js';

const SHARED_UNITS = path.resolve(import.meta.dirname, '../../../shared/data/vn-admin-units-2025.csv');
const SUCCESSIONS = path.resolve(import.meta.dirname, '../../ingest/data/vn-unit-successions-2025.csv');

let finder: PlaceFinder;
let codeOf: (name: string, province: string) => string;

beforeAll(() => {
  const rows = parse(fs.readFileSync(SHARED_UNITS, 'utf8'), { columns: true }) as Record<string, string>[];
  const units: PlaceUnit[] = [];
  for (const r of rows) {
    if (!units.some((u) => u.code === r.province_code)) {
      units.push({ code: r.province_code as string, name: r.province_name as string, level: 'province', province_code: r.province_code as string });
    }
    units.push({ code: r.commune_code as string, name: r.commune_name as string, level: 'commune', province_code: r.province_code as string });
  }
  const former = parse(fs.readFileSync(SUCCESSIONS, 'utf8'), { columns: true }) as FormerUnit[];
  finder = new PlaceFinder(units, former);
  codeOf = (name, province) => rows.find((r) => r.commune_name === name && r.province_code === province)?.commune_code as string;
});

describe('place detection', () => {
  it('finds a commune named after its type, with its province', () => {
    expect(finder.find('Đề nghị UBND phường Văn Miếu - Quốc Tử Giám xử lý rác thải')).toMatchObject({
      provinceCode: '01',
      communeCode: codeOf('Phường Văn Miếu - Quốc Tử Giám', '01'),
      via: 'name',
    });
    expect(finder.find("Đường vào buôn ở xã Ea H'Leo hư hỏng nặng")).toMatchObject({ provinceCode: '66', communeCode: codeOf("Xã Ea H'Leo", '66') });
  });

  it('finds it written without diacritics, and with the new tone-mark style', () => {
    expect(finder.find('rac ngap duong o phuong van mieu quoc tu giam qua')).toMatchObject({ communeCode: codeOf('Phường Văn Miếu - Quốc Tử Giám', '01') });
    expect(finder.find('Bà con đặc khu Bạch Long Vĩ thiếu nước ngọt')).toMatchObject({ communeCode: codeOf('Đặc khu Bạch Long Vĩ', '31') });
  });

  it('finds a province with or without "tỉnh", and by its common other names', () => {
    expect(finder.find('Giá lúa ở Nghệ An giảm mạnh')).toEqual({ provinceCode: '40', communeCode: '', matched: 'nghe an', via: 'name' });
    expect(finder.find('tinh nghe an gia lua giam')).toMatchObject({ provinceCode: '40', communeCode: '' });
    expect(finder.find('Kẹt xe ở Sài Gòn cả buổi')).toMatchObject({ provinceCode: '79' });
  });

  it('chooses among communes of the same name by the province the text names', () => {
    const tanAn = ['Xã Tân An', 'Phường Tân An'];
    const all = (province: string) => tanAn.map((n) => codeOf(n, province)).filter(Boolean);
    // "Tân An" is the name of ten communes and wards.
    const inNgheAn = finder.find('Người dân xã Tân An, tỉnh Nghệ An phản ánh mùi hôi từ trại lợn');
    expect(all('40')).toContain(inNgheAn?.communeCode);
    expect(inNgheAn?.provinceCode).toBe('40');
    const inCanTho = finder.find('phuong tan an, tp can tho ngap nuoc');
    expect(inCanTho).toMatchObject({ provinceCode: '92', communeCode: codeOf('Phường Tân An', '92') });
  });

  it('chooses by the sender\'s own unit when the text does not say', () => {
    const candidates = ['91', '92', '96', '82', '86', '80', '75', '68', '66', '52', '51', '48', '44', '42', '40', '38', '37', '33', '31', '25', '24', '22', '19', '20', '15', '14', '12', '11', '08', '04', '01', '79', '56', '46']
      .map((p) => ({ p, code: codeOf('Xã Tân Thành', p) }))
      .filter((x) => x.code);
    expect(candidates.length).toBeGreaterThan(1);
    const target = candidates[1] as { p: string; code: string };
    expect(finder.find('Đường ở xã Tân Thành xuống cấp', { provinceCode: target.p })).toMatchObject({ communeCode: target.code, provinceCode: target.p });
    // Nothing to decide with: no commune is claimed.
    expect(finder.find('Đường ở xã Tân Thành xuống cấp')?.communeCode ?? '').toBe('');
  });

  it('maps the name of a former unit to the unit it became part of', () => {
    expect(finder.find('Tôi ở phường Hàng Bạc, phố cổ ngập rác')).toMatchObject({ provinceCode: '01', communeCode: '00070', via: 'former' });
    expect(finder.find('Chợ thị trấn Ba Chẽ họp ngay lòng đường')).toMatchObject({ provinceCode: '22', communeCode: '06970', via: 'former' });
  });

  it('uses a former district to place a former commune whose name is common', () => {
    // Hà Nội had a "xã Tân Minh" in two districts; each went to a different new commune.
    expect(finder.find('Tôi ở xã Tân Minh, huyện Thường Tín, Hà Nội')).toMatchObject({ provinceCode: '01', communeCode: '10231', via: 'former' });
    expect(finder.find('xa tan minh huyen soc son')).toMatchObject({ provinceCode: '01', communeCode: '00376', via: 'former' });
    // Without the district nothing says which: only the province.
    expect(finder.find('Tôi ở xã Tân Minh, Hà Nội')).toMatchObject({ provinceCode: '01', communeCode: '' });
    // A former commune split between two new ones: only the province.
    expect(finder.find('xã Tân Lập, huyện Đan Phượng')).toMatchObject({ provinceCode: '01', communeCode: '' });
  });

  it('reads a commune name with a slip once the province is known', () => {
    expect(finder.find('phuong Van Mieu Quoc Tu Giamm, Ha Noi, rac ngap')).toMatchObject({ communeCode: codeOf('Phường Văn Miếu - Quốc Tử Giám', '01'), via: 'near' });
  });

  it('finds nothing in a text that names no place, and does not take words for names', () => {
    expect(finder.find('Giữ gìn hòa bình và thống nhất là mong ước của mọi người')).toBeUndefined();
    expect(finder.find('Cảm ơn cán bộ đã nhiệt tình')).toBeUndefined();
  });
});
