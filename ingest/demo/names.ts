/**
 * Invented Vietnamese personal names and handles for the demo's officers, petitioners and post authors.
 * Frequencies follow the common family names; any resemblance to a real person is chance.
 */
import type { Random } from '../../analytics/random.js';
import { WeightedPicker } from '../../analytics/random.js';

const FAMILY = new WeightedPicker(
  ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Lương', 'Mai', 'Trịnh', 'Hà', 'Tạ', 'Lò', 'Nông', 'Y', 'H'],
  [38, 11, 9.5, 7, 3, 2, 4.5, 2.5, 1.5, 2, 2, 1.5, 1.3, 1.3, 1, 0.5, 0.8, 0.6, 0.6, 0.6, 0.6, 0.3, 0.3, 0.3, 0.1, 0.1],
);

const MIDDLE_MALE = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Công', 'Thanh', 'Xuân', 'Đình', 'Ngọc', 'Trọng', 'Anh', 'Tuấn', 'Bá'];
const MIDDLE_FEMALE = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Hồng', 'Minh', 'Kim', 'Phương', 'Bích', 'Thùy', 'Mỹ', 'Diệu', 'Hải'];
const GIVEN_MALE = [
  'An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hải', 'Hiếu', 'Hùng', 'Huy', 'Khánh', 'Khoa', 'Lâm', 'Long', 'Mạnh', 'Nam', 'Nghĩa',
  'Phong', 'Phúc', 'Quang', 'Quân', 'Sơn', 'Tài', 'Thắng', 'Thành', 'Tiến', 'Toàn', 'Trung', 'Tùng', 'Việt', 'Vinh', 'Hoàng', 'Lộc',
];
const GIVEN_FEMALE = [
  'Anh', 'Chi', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hương', 'Huyền', 'Lan', 'Liên', 'Linh', 'Loan',
  'Mai', 'My', 'Nga', 'Ngân', 'Nhung', 'Oanh', 'Phượng', 'Quỳnh', 'Tâm', 'Thảo', 'Thủy', 'Trang', 'Tuyết', 'Uyên', 'Vân', 'Yến',
];

export function personName(random: Random, gender: 'male' | 'female'): string {
  const family = FAMILY.pick(random);
  const middle = random.pick(gender === 'male' ? MIDDLE_MALE : MIDDLE_FEMALE);
  const given = random.pick(gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE);
  return `${family} ${middle} ${given}`;
}

const MOBILE_PREFIXES = ['032', '033', '034', '035', '036', '037', '038', '039', '070', '076', '077', '078', '079', '081', '083', '084', '085', '086', '088', '089', '090', '091', '093', '094', '096', '097', '098'];

export function phoneNumber(random: Random): string {
  return random.pick(MOBILE_PREFIXES) + String(random.int(0, 9999999)).padStart(7, '0');
}

/** A 12-digit citizen ID (căn cước) shaped number: province of birth, gender/century digit, year, serial. */
export function citizenId(random: Random, provinceCode: string, birthYear: number, gender: 'male' | 'female'): string {
  const centuryGender = (birthYear >= 2000 ? 2 : 0) + (gender === 'female' ? 1 : 0);
  return `0${provinceCode}${centuryGender}${String(birthYear % 100).padStart(2, '0')}${String(random.int(0, 999999)).padStart(6, '0')}`;
}

export function handle(random: Random): string {
  const gender = random.chance(0.5) ? 'male' : 'female';
  const name = personName(random, gender);
  return random.chance(0.6) ? name : `${name.split(' ').at(-1)} ${random.pick(['Mẹ Bống', 'Xóm Mới', 'Quê Mình', 'Bình An', 'Nhà Nông', '2k', 'Official', 'Store'])}`;
}
