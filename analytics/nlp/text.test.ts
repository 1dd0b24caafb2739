import { describe, expect, it } from 'vitest';
import { canonicalToneMarks, cleanText, foldDiacritics, foldLetters, matchKey } from './text.js';

describe('Vietnamese text basics', () => {
  it('composes decomposed (NFD) text into NFC', () => {
    const nfd = 'Phường Văn Miếu - Quốc Tử Giám'.normalize('NFD');
    expect(nfd).not.toBe('Phường Văn Miếu - Quốc Tử Giám');
    expect(cleanText(nfd)).toBe('Phường Văn Miếu - Quốc Tử Giám');
  });

  it('puts tone marks where the official list does, whichever style the text used', () => {
    expect(canonicalToneMarks('Hoà Bình')).toBe('Hòa Bình');
    expect(canonicalToneMarks('Tỉnh Thanh Hoá')).toBe('Tỉnh Thanh Hóa');
    expect(canonicalToneMarks('thuỷ lợi')).toBe('thủy lợi');
    expect(canonicalToneMarks('KHOẺ')).toBe('KHỎE');
    // "qu" is a consonant, and a closed syllable keeps its mark on the main vowel.
    expect(canonicalToneMarks('quý')).toBe('quý');
    expect(canonicalToneMarks('hoàn thành')).toBe('hoàn thành');
    expect(canonicalToneMarks('ngoài')).toBe('ngoài');
    expect(canonicalToneMarks('Hoà'.normalize('NFD'))).toBe('Hòa');
  });

  it('folds diacritics so that text typed without them meets text with them', () => {
    expect(foldDiacritics('Đặc khu Bạch Long Vĩ')).toBe('Dac khu Bach Long Vi');
    expect(foldDiacritics('Xã Ea H\'Leo')).toBe("Xa Ea H'Leo");
    expect(matchKey('Mã xã')).toBe(matchKey('ma_xa'));
    expect(matchKey('  COMMUNE CODE ')).toBe('commune_code');
    expect(foldLetters('phường văn miếu đặc khu ĐẮK LẮK')).toBe('phuong van mieu dac khu DAK LAK');
    expect(foldLetters('ba dinh')).toBe('ba dinh');
  });

  it('collapses white space, non-breaking spaces included', () => {
    expect(cleanText('  Xã\u00a0 Tân   Lập\n')).toBe('Xã Tân Lập');
  });
});
