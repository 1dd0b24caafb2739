import { describe, expect, it } from 'vitest';
import { decodeLegacy, detectEncoding, encodeLegacy, repairMojibake, type LegacyEncoding } from './legacy-encodings.js';

const ENCODINGS: readonly LegacyEncoding[] = ['tcvn3', 'vni', 'windows-1258'];

const NAMES = ['Phường Văn Miếu - Quốc Tử Giám', 'Đặc khu Bạch Long Vĩ', "Xã Ea H'Leo", 'Tỉnh Thanh Hóa', 'Thành phố Hồ Chí Minh'];
const PETITION = [
  'Đề nghị UBND xã sớm giải quyết dứt điểm việc lấn chiếm đất công.',
  'Gia đình tôi có 420 m2 đất nông nghiệp bị thu hồi từ tháng 3/2024 nhưng đến nay vẫn chưa nhận được tiền bồi thường.',
  'Kính đề nghị Mặt trận làm rõ lý do và đôn đốc chi trả cho người dân trước ngày 30/6.',
];

const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
/** The 29 letters of the alphabet, then every vowel with each of the five tones: 89 letters. */
const ALPHABET_LOWER = [
  ...'a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y'.split(' '),
  ...VOWELS.flatMap((v) => TONES.slice(1).map((t) => (v + t).normalize('NFC'))),
].join(' ');
const ALPHABET_UPPER = ALPHABET_LOWER.toUpperCase();

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
/** What a program that assumed Windows-1252 shows for these bytes (WHATWG "latin1" is Windows-1252 too). */
const asCp1252 = (b: Uint8Array): string => new TextDecoder('windows-1252').decode(b);
/** What a true ISO-8859-1 decoder shows: every byte is the code point of the same number. */
const asLatin1 = (b: Uint8Array): string => String.fromCharCode(...b);
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function utf16(s: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const units = Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
  if (bom) units.unshift(0xfeff);
  const out = new Uint8Array(units.length * 2);
  units.forEach((u, i) => {
    out[2 * i + (bigEndian ? 0 : 1)] = u >> 8;
    out[2 * i + (bigEndian ? 1 : 0)] = u & 0xff;
  });
  return out;
}

describe('known byte sequences from the real tables', () => {
  // TCVN3: UniKey vnconv data.cpp (TCVN3 row) and the VN3 subset of glibc's TCVN5712-1 table; "Hµ Néi" is the
  // well-known look of TCVN3 "Hà Nội" in a Windows-1252 program.
  it('TCVN3 writes lower-case toned letters and the seven toneless capitals with one byte each', () => {
    expect(encodeLegacy('Hà Nội', 'tcvn3')).toEqual(bytes(0x48, 0xb5, 0x20, 0x4e, 0xe9, 0x69));
    expect(encodeLegacy('àáảãạ', 'tcvn3')).toEqual(bytes(0xb5, 0xb8, 0xb6, 0xb7, 0xb9));
    expect(encodeLegacy('ĂÂÊÔƠƯĐ', 'tcvn3')).toEqual(bytes(0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7));
    expect(encodeLegacy('ăâêôơưđ', 'tcvn3')).toEqual(bytes(0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae));
    expect(encodeLegacy('ệ ữ ỵ', 'tcvn3')).toEqual(bytes(0xd6, 0x20, 0xf7, 0x20, 0xfe));
    expect(decodeLegacy(bytes(0xa7, 0xb5, 0x20, 0x4e, 0xbd, 0x6e, 0x67), 'tcvn3')).toBe('Đà Nẵng');
  });

  // VNI Windows: UniKey data.cpp (VNI-WIN row, base byte + mark byte) and xvnkb vni.h; "Vieät Nam" is how VNI text
  // looks in a Windows-1252 program.
  it('VNI writes a base letter and a mark byte, with upper-case marks for capitals', () => {
    expect(encodeLegacy('Việt Nam', 'vni')).toEqual(bytes(...ascii('Vie'), 0xe4, ...ascii('t Nam')));
    expect(asCp1252(encodeLegacy('Trường', 'vni'))).toBe('Tröôøng');
    expect(asCp1252(encodeLegacy('ĐÀ NẴNG', 'vni'))).toBe('ÑAØ NAÜNG');
    expect(encodeLegacy('đĐơƠưƯ', 'vni')).toEqual(bytes(0xf1, 0xd1, 0xf4, 0xd4, 0xf6, 0xd6));
    // The toned i's and ỵ are single bytes: ì í ỉ ĩ ị = ì í æ ó ò, ỵ = î.
    expect(encodeLegacy('ìíỉĩịỵỴ', 'vni')).toEqual(bytes(0xec, 0xed, 0xe6, 0xf3, 0xf2, 0xee, 0xce));
    expect(encodeLegacy('ấ ắ', 'vni')).toEqual(bytes(0x61, 0xe1, 0x20, 0x61, 0xe9));
  });

  // Windows-1258: glibc CP1258 (Microsoft's table) and UniKey's "CP1258 with precomposed characters": precomposed where
  // the code page has the letter, base + combining tone byte otherwise. glibc iconv writes the same bytes.
  it('Windows-1258 writes à directly and ấ, ì, ộ as a base followed by a tone byte', () => {
    expect(encodeLegacy('à', 'windows-1258')).toEqual(bytes(0xe0));
    expect(encodeLegacy('ấ', 'windows-1258')).toEqual(bytes(0xe2, 0xec));
    expect(encodeLegacy('ì', 'windows-1258')).toEqual(bytes(0x69, 0xcc));
    expect(encodeLegacy('Hà Nội', 'windows-1258')).toEqual(bytes(0x48, 0xe0, 0x20, 0x4e, 0xf4, 0xf2, 0x69));
    expect(encodeLegacy('ĐđƯưƠơĂă₫', 'windows-1258')).toEqual(bytes(0xd0, 0xf0, 0xdd, 0xfd, 0xd5, 0xf5, 0xc3, 0xe3, 0xfe));
    expect(encodeLegacy('ỷ ẽ ỡ', 'windows-1258')).toEqual(bytes(0x79, 0xd2, 0x20, 0x65, 0xde, 0x20, 0xf5, 0xde));
  });
});

describe('round trip encode → decode', () => {
  for (const encoding of ENCODINGS) {
    it(`${encoding}: names, petition sentences and the lower-case alphabet with every tone`, () => {
      for (const text of [...NAMES, ...PETITION, ALPHABET_LOWER]) expect(decodeLegacy(encodeLegacy(text, encoding), encoding)).toBe(text);
    });
  }

  for (const encoding of ['vni', 'windows-1258'] as const) {
    it(`${encoding}: the upper-case alphabet with every tone`, () => {
      expect(decodeLegacy(encodeLegacy(ALPHABET_UPPER, encoding), encoding)).toBe(ALPHABET_UPPER);
      expect(decodeLegacy(encodeLegacy('ĐẶC KHU BẠCH LONG VĨ', encoding), encoding)).toBe('ĐẶC KHU BẠCH LONG VĨ');
    });
  }

  it('tcvn3: toned capitals come back lower case, because VN3 has no codes for them (.VnTimeH drew them)', () => {
    expect(encodeLegacy('Ộ', 'tcvn3')).toEqual(encodeLegacy('ộ', 'tcvn3'));
    expect(decodeLegacy(encodeLegacy('ĐẶC KHU BẠCH LONG VĨ', 'tcvn3'), 'tcvn3')).toBe('ĐặC KHU BạCH LONG Vĩ');
    expect(decodeLegacy(encodeLegacy(ALPHABET_UPPER, 'tcvn3'), 'tcvn3')).toBe(
      ALPHABET_UPPER.replace(/[^\sA-ZĂÂĐÊÔƠƯ]/gu, (c) => c.toLowerCase()),
    );
  });

  it('decodes to NFC whichever spelling Windows-1258 used for à (precomposed 0xE0 or a + 0xCC)', () => {
    const decomposed = decodeLegacy(bytes(0x48, 0x61, 0xcc, 0x20, 0x4e, 0xf4, 0xf2, 0x69), 'windows-1258');
    expect(decomposed).toBe('Hà Nội');
    expect(decomposed).toBe(decomposed.normalize('NFC'));
    // A tone byte after a non-Vietnamese base still ends up composed: n + tilde = ñ.
    expect(decodeLegacy(bytes(0x6e, 0xde), 'windows-1258')).toBe('ñ');
  });

  it('reads VNI marks written in the other case than their letter, as some converters did', () => {
    expect(decodeLegacy(bytes(0x48, 0x41, 0xf8), 'vni')).toBe('HÀ');
    expect(decodeLegacy(bytes(0x68, 0x61, 0xd8), 'vni')).toBe('hà');
  });

  it('keeps Windows punctuation and leaves stray bytes as Windows-1252 instead of failing', () => {
    const quoted = bytes(0x93, ...ascii('H'), 0xb5, ...ascii(' N'), 0xe9, ...ascii('i'), 0x94, 0x20, 0x96, 0x20, 0x85);
    expect(decodeLegacy(quoted, 'tcvn3')).toBe('“Hà Nội” – …');
    expect(decodeLegacy(bytes(0xf8, 0x41), 'vni')).toBe('øA');
  });

  it('throws on characters the encoding cannot carry, naming them', () => {
    expect(() => encodeLegacy('Xin chào 😀', 'vni')).toThrow(/U\+1F600/);
    expect(() => encodeLegacy('Müller', 'tcvn3')).toThrow(RangeError);
    expect(() => encodeLegacy('Müller', 'vni')).toThrow(RangeError);
    expect(decodeLegacy(encodeLegacy('Müller', 'windows-1258'), 'windows-1258')).toBe('Müller');
    expect(() => encodeLegacy('Русский', 'windows-1258')).toThrow(RangeError);
  });

  it('normalises decomposed (NFD) input before encoding', () => {
    const nfd = 'Quốc Tử Giám'.normalize('NFD');
    for (const encoding of ENCODINGS) expect(encodeLegacy(nfd, encoding)).toEqual(encodeLegacy('Quốc Tử Giám', encoding));
  });
});

describe('detectEncoding', () => {
  const CSV_SAMPLES = [
    'ma_xa,ten_xa\n00004,Phường Ba Đình\n00008,Phường Ngọc Hà\n',
    'ma_xa,ten_xa\n26878,Đặc khu Bạch Long Vĩ\n24181,Xã Ea H\'Leo\n',
    'ma_xa,ten_xa,noi_dung\n16279,Phường Hạc Thành,"Đề nghị UBND xã sớm giải quyết dứt điểm việc lấn chiếm đất công."\n',
  ];

  for (const encoding of ENCODINGS) {
    it(`recognises ${encoding} in a few lines of CSV`, () => {
      for (const sample of CSV_SAMPLES) {
        const detected = detectEncoding(encodeLegacy(sample, encoding));
        expect(detected.encoding).toBe(encoding);
        expect(detected.confidence).toBeGreaterThan(0.5);
        expect(detected.confidence).toBeLessThanOrEqual(1);
      }
    });
  }

  it('recognises UTF-8 with and without a BOM', () => {
    expect(detectEncoding(utf8(CSV_SAMPLES[0]!))).toEqual({ encoding: 'utf-8', confidence: 0.99 });
    expect(detectEncoding(bytes(0xef, 0xbb, 0xbf, ...utf8(CSV_SAMPLES[0]!)))).toEqual({ encoding: 'utf-8-bom', confidence: 1 });
  });

  it('accepts a UTF-8 sample cut in the middle of a letter', () => {
    const cut = utf8('ma_xa,ten_xa\n00004,Phường Ba Đình').subarray(0, -3);
    expect(detectEncoding(cut).encoding).toBe('utf-8');
  });

  it('recognises UTF-16 LE and BE, with a BOM and by their NUL bytes without one', () => {
    for (const bigEndian of [false, true]) {
      const expected = bigEndian ? 'utf-16be' : 'utf-16le';
      expect(detectEncoding(utf16(CSV_SAMPLES[1]!, bigEndian, true))).toEqual({ encoding: expected, confidence: 1 });
      const withoutBom = detectEncoding(utf16(CSV_SAMPLES[1]!, bigEndian, false));
      expect(withoutBom.encoding).toBe(expected);
      expect(withoutBom.confidence).toBeGreaterThan(0.9);
    }
  });

  it('calls pure ASCII UTF-8 with confidence 1 (every encoding here reads it the same)', () => {
    expect(detectEncoding(utf8('ma_xa,ten_xa\n00004,Phuong Ba Dinh\n'))).toEqual({ encoding: 'utf-8', confidence: 1 });
  });

  it('gives a low confidence when the sample has too little Vietnamese to tell', () => {
    // Only "à" (0xE0), a single word: never more than 0.5, however clear the word.
    expect(detectEncoding(encodeLegacy('ma_xa,ten_xa\n1,Hà Nam\n', 'windows-1258')).confidence).toBeLessThan(0.5);
  });
});

describe('detectEncoding on short and mostly-ASCII files', () => {
  // A roster as provinces send it: an ASCII header and ASCII rows, with one accented word. Before, a reading in which
  // the word was any valid syllable tied with the right one, and ties went to TCVN3: Windows-1258 "Tâm" was stored as
  // "Tõm", "Lê" as "Lờ", VNI "Sơn" as "Sụn".
  const HEADER = 'ma_can_bo,ma_don_vi,ho_va_ten,gioi_tinh,nam_sinh,chuc_vu\n';
  const roster = (...names: string[]): string =>
    HEADER + names.map((name, i) => `X-00${i + 1},00226,${name},Nam,1980,Uy vien\n`).join('');

  /**
   * Common family, middle and given names, place names and roster words, each alone in an otherwise ASCII file. Left
   * out, as the bytes cannot tell (tests below): VNI words whose only accent is "í" (Bích, Tín: 0xED is "í" in
   * Windows-1258 too), and bytes that are a common word in two encodings (Hồ/Hoà, Hoàng/Hồng, Tư/Tử, Thủ/Thuỷ).
   */
  const WORDS = [
    ...'Tâm Bình Lê Văn Phú Ngô Sơn Thị Nguyễn Hưng Đức Ánh Trần Phạm Huỳnh Vũ Võ Đặng Bùi Đỗ Dương Lý Đinh Lương'.split(' '),
    ...'Trịnh Hà Tạ Lò Đoàn Đào Lâm Tô Châu Quách Kiều Triệu Hứa Từ Thân Lưu Đàm Khúc Nghiêm Diệp Phùng Thạch Trương'.split(' '),
    ...'Hữu Quốc Công Xuân Đình Ngọc Trọng Tuấn Bá Hồng Phương Thùy Thủy Mỹ Diệu Hải Khắc Cường Dũng Đạt Hiếu Hùng'.split(' '),
    ...'Khánh Mạnh Nghĩa Phúc Quân Tài Thắng Thành Tiến Toàn Tùng Việt Lộc Duyên Hạnh Hằng Hiền Hương Huyền Liên Ngân'.split(' '),
    ...'Phượng Quỳnh Thảo Tuyết Uyên Vân Yến Hòa Hóa Hoá Quý Ý Lệ Khuê Diễm Nhàn Thục Thư Cúc Huệ Liễu Tuệ Khôi'.split(' '),
    ...'Huế Nẵng Tĩnh Trị Ngãi Đắk Lắk Đồng Tháp Sóc Trăng Bạc Liêu Bến Thọ Nghệ Tuyên Bái Chủ tịch Ủy viên'.split(' '),
    'Quốc Tử Giám', 'Cà Mau', 'Đà Nẵng', 'Bắc Ninh', 'Hà Tĩnh', 'Phó Chủ tịch', 'Nữ',
  ];

  for (const encoding of ENCODINGS) {
    it(`${encoding}: names the encoding of a roster whose only accented text is one of ${WORDS.length} common words`, () => {
      const wrong = WORDS.filter((word) => detectEncoding(encodeLegacy(roster(`Le Van ${word}`), encoding)).encoding !== encoding);
      expect(wrong).toEqual([]);
    });

    it(`${encoding}: two rows with one accented word each: named, and stored as written`, () => {
      for (const [a, b] of [['Tâm', 'Lê'], ['Bình', 'Sơn'], ['Văn', 'Thị'], ['Ngô', 'Phú'], ['Nguyễn', 'Hưng']] as const) {
        const text = roster(`Le Thi ${a}`, `Tran Van ${b}`);
        const bytes = encodeLegacy(text, encoding);
        const detected = detectEncoding(bytes);
        expect(detected.encoding).toBe(encoding);
        expect(decodeLegacy(bytes, encoding)).toBe(text);
        expect(detected.confidence).toBeGreaterThan(0.5);
      }
    });
  }

  for (const encoding of ['vni', 'windows-1258'] as const) {
    it(`${encoding}: names the encoding of the same words in capitals`, () => {
      const wrong = WORDS.filter((word) => detectEncoding(encodeLegacy(roster(`LE VAN ${word.toUpperCase()}`), encoding)).encoding !== encoding);
      expect(wrong).toEqual([]);
    });
  }

  it('reads the bytes iconv writes for Windows-1258 (tone marks as combining bytes after the base)', () => {
    // printf 'Le Thi Tâm\nTran Van Bình\nHòa\n' | iconv -f UTF-8 -t CP1258
    const tam = bytes(...ascii(HEADER), ...ascii('X-001,00226,Le Thi T'), 0xe2, ...ascii('m,Nu,1980,Uy vien\n'));
    const binh = bytes(...ascii(HEADER), ...ascii('X-001,00226,Tran Van Bi'), 0xcc, ...ascii('nh,Nam,1980,Uy vien\n'));
    const hoa = bytes(...ascii(HEADER), ...ascii('X-001,00226,Le Thi Ho'), 0xcc, ...ascii('a,Nu,1980,Uy vien\n'));
    for (const sample of [tam, binh, hoa]) expect(detectEncoding(sample).encoding).toBe('windows-1258');
    expect(decodeLegacy(tam, 'windows-1258')).toContain('Le Thi Tâm');
  });

  it('counts a letter that only the Windows-1252 fallback gives against the encoding', () => {
    // 0xE0 is "à" in Windows-1258; TCVN3 does not use the byte (its "à" is 0xB5) and VNI only after a vowel, so the
    // readings agree on "Hà" but only Windows-1258 means it. Before, TCVN3 was named for a Windows-1258 file.
    expect(detectEncoding(encodeLegacy(roster('Le Thi Hà'), 'windows-1258')).encoding).toBe('windows-1258');
    // A lone VNI mark byte ("â" = 0xE2 after a consonant) is no VNI letter: "Xuân" is Windows-1258.
    expect(detectEncoding(encodeLegacy(roster('Le Van Xuân'), 'windows-1258')).encoding).toBe('windows-1258');
  });

  // Ties used to go to TCVN3, so these passed by luck; with ties going to Windows-1258 they need the case rule.
  it('judges case in the VNI and Windows-1258 readings: TCVN3 "Thế" is not Windows-1258 "ThƠ"', () => {
    expect(detectEncoding(encodeLegacy(roster('Le Van Thế'), 'tcvn3')).encoding).toBe('tcvn3');
    expect(detectEncoding(encodeLegacy(roster('Le Van Tấn'), 'tcvn3')).encoding).toBe('tcvn3');
  });

  it('takes a lone capital without tone as an initial: TCVN3 "Đ" is not the symbol "§"', () => {
    for (const letter of ['Đ', 'Â', 'Ă']) {
      for (const encoding of ['tcvn3', 'vni'] as const) {
        expect(detectEncoding(encodeLegacy(roster(`Le Van ${letter}`), encoding)).encoding).toBe(encoding);
      }
    }
  });

  it('names Windows-1258 with a low confidence when the bytes read the same in two encodings', () => {
    // "Bích": 0xED is "í" in VNI and in Windows-1258 alike; the order (Windows-1258, TCVN3, VNI) decides.
    const detected = detectEncoding(encodeLegacy(roster('Le Thi Bích'), 'vni'));
    expect(detected).toEqual({ encoding: 'windows-1258', confidence: expect.closeTo(0.25, 2) });
  });

  it('takes the more common word when the same bytes are a word in two encodings, with a low confidence', () => {
    // 48 6F E0 is "Hoà" in Windows-1258 and "Hồ" in VNI: Hòa/Hoà is the more common in the lists counted.
    const detected = detectEncoding(bytes(...ascii(HEADER), ...ascii('X-001,00226,Le Van Ho'), 0xe0, ...ascii(',Nam,1980,Uy vien\n')));
    expect(detected.encoding).toBe('windows-1258');
    expect(detected.confidence).toBeLessThan(0.4);
  });

  it('calls a one-word sample no more than half certain, and a wrong-looking file with no Vietnamese Windows-1258 at 0', () => {
    expect(detectEncoding(encodeLegacy(roster('Le Thi Tâm'), 'windows-1258')).confidence).toBeLessThanOrEqual(0.5);
    expect(detectEncoding(encodeLegacy('Prix: 25 €, 3×4, ½ kg, 25°C © 2024\n', 'windows-1258'))).toEqual({ encoding: 'windows-1258', confidence: 0 });
  });
});

describe('repairMojibake', () => {
  it('repairs TCVN3 read as Windows-1252', () => {
    expect(repairMojibake('Hµ Néi')).toEqual({ text: 'Hà Nội', repaired: 'tcvn3' });
    const sentence = PETITION[0]!;
    const mojibake = asCp1252(encodeLegacy(sentence, 'tcvn3'));
    expect(mojibake).toBe('§Ò nghÞ UBND x· sím gi¶i quyÕt døt ®iÓm viÖc lÊn chiÕm ®Êt c«ng.');
    expect(repairMojibake(mojibake)).toEqual({ text: sentence, repaired: 'tcvn3' });
  });

  it('repairs VNI read as Windows-1252', () => {
    expect(repairMojibake('Vieät Nam')).toEqual({ text: 'Việt Nam', repaired: 'vni' });
    expect(repairMojibake(asCp1252(encodeLegacy(NAMES[0]!, 'vni')))).toEqual({ text: NAMES[0], repaired: 'vni' });
    expect(repairMojibake(asCp1252(encodeLegacy('ĐẶC KHU BẠCH LONG VĨ', 'vni')))).toEqual({ text: 'ĐẶC KHU BẠCH LONG VĨ', repaired: 'vni' });
  });

  it('repairs Windows-1258 read as Windows-1252', () => {
    expect(repairMojibake(asCp1252(encodeLegacy(PETITION[2]!, 'windows-1258')))).toEqual({ text: PETITION[2], repaired: 'windows-1258' });
  });

  it('repairs UTF-8 read as Latin-1 or as Windows-1252', () => {
    expect(repairMojibake('HÃ\u00a0 Ná»™i')).toEqual({ text: 'Hà Nội', repaired: 'utf-8-as-latin1' });
    for (const text of [...NAMES, ...PETITION]) {
      expect(repairMojibake(asLatin1(utf8(text)))).toEqual({ text, repaired: 'utf-8-as-latin1' });
      expect(repairMojibake(asCp1252(utf8(text)))).toEqual({ text, repaired: 'utf-8-as-latin1' });
    }
  });

  it('repairs UTF-8 mojibake whose no-break space (from "à" = C3 A0) was turned into a plain space', () => {
    expect(repairMojibake('HÃ Ná»™i')).toEqual({ text: 'Hà Nội', repaired: 'utf-8-as-latin1' });
    // Inside a word the space stood for the no-break space alone.
    const collapse = (s: string): string => asCp1252(utf8(s)).replace(/[\s\u00a0]+/gu, ' ');
    expect(repairMojibake(collapse('Thành phố Hà Nội'))).toEqual({ text: 'Thành phố Hà Nội', repaired: 'utf-8-as-latin1' });
    expect(repairMojibake(collapse('vào nhà'))).toEqual({ text: 'vào nhà', repaired: 'utf-8-as-latin1' });
    expect(repairMojibake(collapse('nhà 2 tầng, ở nhà.'))).toEqual({ text: 'nhà 2 tầng, ở nhà.', repaired: 'utf-8-as-latin1' });
    // Trimmed off the end: "nhÃ" (the case flip gives it away); "HÃ" alone is also the valid capitalised "Hã" and stays.
    expect(repairMojibake(collapse('nhà').trim())).toEqual({ text: 'nhà', repaired: 'utf-8-as-latin1' });
    expect(repairMojibake('HÃ')).toEqual({ text: 'HÃ', repaired: null });
  });

  it('repairs a single word with "à", where "Ã" alone would be the valid word "ã"', () => {
    expect(repairMojibake(asCp1252(utf8('Vàng')))).toEqual({ text: 'Vàng', repaired: 'utf-8-as-latin1' });
    expect(repairMojibake(asCp1252(utf8('nhà')))).toEqual({ text: 'nhà', repaired: 'utf-8-as-latin1' });
  });

  it('repairs UTF-8 mojibake whose only non-ASCII text is an emoji', () => {
    const text = 'goi phuong thi bao da ghi nhan 😑';
    expect(repairMojibake(asCp1252(utf8(text)))).toEqual({ text, repaired: 'utf-8-as-latin1' });
  });

  it('leaves correct Unicode Vietnamese unchanged, including text a Windows-1252 decoder could have produced', () => {
    for (const text of [...NAMES, ...PETITION, ALPHABET_LOWER, ALPHABET_UPPER, 'Cà Mau', 'Tây Ninh', 'Mã xã', 'Cà phê', 'Sài Gòn', 'NGÃ\u00a0 BA']) {
      expect(repairMojibake(text)).toEqual({ text, repaired: null });
    }
  });

  it('leaves text without diacritics and English unchanged', () => {
    for (const text of ['Phuong Ba Dinh', 'Hello, world', 'Café au lait', 'naïve résumé', 'São Paulo', 'Müller', 'It’s a “test” – done…', '25°C, © 2024', '×', '½ µ']) {
      expect(repairMojibake(text)).toEqual({ text, repaired: null });
    }
  });

  it('splits words at Windows quotes, dashes and ellipses, which every encoding here keeps at 0x80–0x9F', () => {
    const quoted = '“Hà Nội” – “Việt Nam”…';
    for (const encoding of ['tcvn3', 'vni', 'windows-1258'] as const) {
      expect(repairMojibake(asCp1252(encodeLegacy(quoted, encoding)))).toEqual({ text: quoted, repaired: encoding });
    }
  });

  it('leaves one ambiguous word alone: "Tõ" is a Vietnamese word and also TCVN3 for "Từ"', () => {
    expect(repairMojibake('Tõ')).toEqual({ text: 'Tõ', repaired: null });
  });
});
