import { describe, expect, it } from 'vitest';
import { ALIASES, INDICATORS, OPINION_SOURCES, ORGANISATIONS, PETITION_CHANNELS, POSITIONS } from '../../analytics/registry/vocabularies.js';
import { phoneNumber, storedText, vocabularyReader } from './values.js';

describe('vocabularies as files write them', () => {
  // A file that writes the name the dashboard shows must be read as that name's code.
  const shown: [string, Record<string, readonly string[]>, Record<string, string>][] = [
    ['organisation', ALIASES.organisation, ORGANISATIONS],
    ['position', ALIASES.position, POSITIONS],
    ['indicator', ALIASES.indicator, Object.fromEntries(Object.entries(INDICATORS).map(([k, v]) => [k, v.name]))],
    ['channel', ALIASES.channel, PETITION_CHANNELS],
    ['source', ALIASES.source, OPINION_SOURCES],
  ];
  for (const [name, aliases, labels] of shown) {
    it(`reads every ${name} by its displayed name, with or without diacritics, in any case`, () => {
      const read = vocabularyReader(aliases);
      for (const [code, label] of Object.entries(labels)) {
        expect(read(label), label).toBe(code);
        expect(read(label.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').toUpperCase()), label).toBe(code);
        expect(read(code)).toBe(code);
      }
      expect(read('không có trong danh mục')).toBeUndefined();
    });
  }
});

describe('text as stored', () => {
  it('keeps NFC, line breaks and single spaces; collapses runs of spaces, tabs and wide spaces; trims', () => {
    const nfd = 'Phường Văn Miếu - Quốc Tử Giám'.normalize('NFD');
    expect(storedText(nfd)).toBe('Phường Văn Miếu - Quốc Tử Giám');
    expect(storedText('  Đề nghị   sửa\u00a0đèn\t\tngõ 12 ')).toBe('Đề nghị sửa đèn ngõ 12');
    expect(storedText('Dòng một \r\n dòng hai\r\r\r\n\nDòng ba\u3000cuối')).toBe('Dòng một\ndòng hai\n\nDòng ba cuối');
    expect(storedText('de nghi sua den chieu sang')).toBe('de nghi sua den chieu sang');
    expect(storedText(' \u2003 ')).toBe('');
  });
});

describe('phone numbers', () => {
  it('reads them as written, and gives back the leading 0 a spreadsheet took as a number drops', () => {
    expect(['0912 345 678', '0912.345.678', '+84 912 345 678', '84912345678', '912345678', '2438234567'].map(phoneNumber)).toEqual([
      '0912345678',
      '0912345678',
      '0912345678',
      '0912345678',
      '0912345678',
      '02438234567',
    ]);
    expect(['12345', '091234', '09123456789012', 'không có'].map(phoneNumber)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
