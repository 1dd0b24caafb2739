import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { IngestSummary } from '../pipeline/run.js';
import { printSummary } from './summary.js';

const printed = (s: IngestSummary, lang: 'en' | 'vi') => {
  let text = '';
  const out = new Writable({ write: (chunk, _encoding, done) => ((text += String(chunk)), done()) });
  printSummary(s, undefined, lang, out as unknown as NodeJS.WriteStream);
  return text;
};

const summary = (encoding: string): IngestSummary => ({ runId: '20251208-010203-abcdef', kind: 'officers', file: 'can-bo.csv', encoding, read: 1, stored: 1, duplicates: 0, quarantined: 0, errors: [] });

describe('a summary printed for a person', () => {
  it('says when the encoding was only guessed, in either language, and not otherwise', () => {
    expect(printed(summary('vni (detected, uncertain)'), 'en')).toContain('the encoding was told from a word or two: check the names stored');
    expect(printed(summary('vni (detected, uncertain)'), 'vi')).toContain('bảng mã được nhận biết từ một vài chữ');
    expect(printed(summary('tcvn3 (detected)'), 'en')).not.toContain('--encoding');
    expect(printed(summary('tcvn3 (detected)'), 'en')).toBe('officers from can-bo.csv (tcvn3 (detected)): run 20251208-010203-abcdef\n  read 1, stored 1, duplicates 0, quarantined 0\n');
  });
});
