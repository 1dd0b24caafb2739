import { describe, expect, it } from 'vitest';
import { encodeLegacy } from './legacy-encodings.js';
import { processText, STEPS, syllablesOf } from './pipeline.js';

const latin1 = (bytes: Uint8Array) => new TextDecoder('windows-1252').decode(bytes);

describe('the text pipeline', () => {
  it('runs its named steps in order', () => {
    expect(STEPS.map((s) => s.name)).toEqual([
      'unicode-nfc', 'legacy-repair', 'lower-case', 'signals', 'tokens', 'shorthands', 'tone-marks', 'diacritic-free', 'feature-ids',
    ]);
  });

  it('gives the same tokens for NFC and NFD input', () => {
    const text = 'Phường Văn Miếu - Quốc Tử Giám';
    expect(processText(text.normalize('NFD')).tokens).toEqual(processText(text).tokens);
    expect(processText(text).tokens).toEqual(['phường', 'văn', 'miếu', 'quốc', 'tử', 'giám']);
  });

  it('puts tone marks in one place, so "hoà" and "hòa" are one token', () => {
    expect(processText('Khánh Hoà, thuỷ lợi, khoẻ').tokens).toEqual(['khánh', 'hòa', 'thủy', 'lợi', 'khỏe']);
    expect(processText('quý khách hoàn thành').tokens).toEqual(['quý', 'khách', 'hoàn', 'thành']);
  });

  it('lets text without diacritics meet text with them in the folded form', () => {
    const withMarks = processText('Đường vào thôn hư hỏng nặng');
    const without = processText('duong vao thon hu hong nang');
    expect(without.folded).toEqual(withMarks.folded);
    expect(withMarks.tokens).not.toEqual(withMarks.folded);
  });

  it('expands teencode and abbreviations into the words they stand for', () => {
    expect(processText('mn ơi ko dc j hết, UBND với MTTQ đâu r').tokens).toEqual([
      'mọi', 'người', 'ơi', 'không', 'được', 'gì', 'hết', 'ủy', 'ban', 'nhân', 'dân', 'với', 'mặt', 'trận', 'tổ', 'quốc', 'đâu', 'rồi',
    ]);
    expect(processText('đc hok, BHYT').folded).toEqual(['duoc', 'khong', 'bao', 'hiem', 'y', 'te']);
  });

  it('repairs TCVN3, VNI and UTF-8 text that was read as Windows-1252', () => {
    const sentence = 'Đề nghị xã sớm giải quyết việc lấn chiếm đất công';
    const expected = processText(sentence).tokens;
    expect(processText(latin1(encodeLegacy(sentence, 'tcvn3'))).tokens).toEqual(expected);
    expect(processText(latin1(encodeLegacy(sentence, 'vni'))).tokens).toEqual(expected);
    expect(processText(latin1(new TextEncoder().encode(sentence))).tokens).toEqual(expected);
  });

  it('keeps questions, exclamations and faces as signals', () => {
    expect(processText('Sao vẫn chưa sửa?!').signals).toEqual(['<question>', '<exclaim>']);
    expect(processText('cảm ơn cán bộ :)').signals).toEqual(['<smile>']);
    expect(processText('buồn quá :(').signals).toEqual(['<sad>']);
  });

  it('splits syllables on anything that is not a letter or digit, in any script', () => {
    expect(syllablesOf("Xã Ea H'Leo, số 12/3 — ok")).toEqual(['Xã', 'Ea', 'H', 'Leo', 'số', '12', '3', 'ok']);
  });
});
