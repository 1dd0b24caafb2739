import fs from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { encodeLegacy } from '../../analytics/nlp/legacy-encodings.js';
import { decodeToUtf8, encodingName } from './decode.js';

const decode = async (bytes: Uint8Array, declared?: 'tcvn3' | 'vni') => {
  const decoded = await decodeToUtf8('f.csv', Readable.from([Buffer.from(bytes)]), declared);
  const chunks: Buffer[] = [];
  for await (const chunk of decoded.stream) chunks.push(chunk as Buffer);
  return { label: decoded.encoding, text: Buffer.concat(chunks).toString('utf8') };
};

describe('the encoding a summary reports', () => {
  it('says a legacy encoding told from a few words is uncertain, and one told from a roster is not', async () => {
    const roster = fs.readFileSync(new URL('../samples/variants/officers.tcvn3.csv', import.meta.url));
    expect((await decode(roster)).label).toBe('tcvn3 (detected)');
    // One accented word: TCVN3, VNI and Windows-1258 readings each make a name; nothing to tell them apart by.
    const one = await decode(encodeLegacy('ma,ten\n1,Tâm\n', 'tcvn3'));
    expect(one.label).toMatch(/^(tcvn3|vni|windows-1258) \(detected, uncertain\)$/);
    // VNI "Hồ" is Windows-1258 "Hoà": read as the latter, and said to be a guess.
    expect((await decode(encodeLegacy('ma,ten\n1,Hồ\n', 'vni'))).label).toBe('windows-1258 (detected, uncertain)');
    const declared = await decode(encodeLegacy('mã,tên\n1,Hồ\n', 'vni'), 'vni');
    expect(declared).toEqual({ label: 'vni (declared)', text: 'mã,tên\n1,Hồ\n' });
    expect(encodingName('windows-1258 (detected, uncertain)')).toBe('windows-1258');
  });

  it('is never uncertain for UTF-8 or UTF-16', async () => {
    expect((await decode(Buffer.from('mã,tên\n1,Tâm\n'))).label).toBe('utf-8 (detected)');
    expect((await decode(Buffer.from('id\n1\n'))).label).toBe('utf-8 (detected)');
    expect((await decode(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('mã\n1\n', 'utf16le')]))).label).toBe('utf-16le (detected)');
  });
});
