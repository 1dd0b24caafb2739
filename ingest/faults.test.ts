import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SQL_DIR } from '../analytics/store/sql-files.js';
import { decodeFault, decodeFaults, describeFault, describeReason, encodeFaults, FAULT_TEXTS, isFaultCode, type FaultCode } from './faults.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the words of every fault', () => {
  for (const [code, text] of Object.entries(FAULT_TEXTS) as [FaultCode, (typeof FAULT_TEXTS)[FaultCode]][]) {
    it(`${code}: the same values in English and Vietnamese, Vietnamese in NFC`, () => {
      const params = 'params' in text ? [...text.params].sort() : [];
      for (const special of ['numbers', 'days'] as const) if (special in text) for (const p of (text as unknown as Record<string, readonly string[] | undefined>)[special] ?? []) expect(params).toContain(p);
      expect(placeholders(text.en)).toEqual(params);
      expect(placeholders(text.vi)).toEqual(params);
      expect(text.vi).toBe(text.vi.normalize('NFC'));
      expect(text.vi).not.toBe(text.en);
    });
  }
});

describe('a fault worded', () => {
  it('in each language, with numbers written as the language writes them', () => {
    const long = { code: 'too_long', params: { length: 1048576, max: 50000 } } as const;
    expect(describeFault(long, 'en')).toBe('is 1,048,576 characters long; at most 50,000');
    expect(describeFault(long, 'vi')).toBe('dài 1.048.576 ký tự; tối đa 50.000 ký tự');
    const unit = { code: 'unit_not_in_force', params: { value: '99999', day: '2025-09-16' } } as const;
    expect(describeFault(unit, 'en')).toBe('"99999" is not a province, commune or village in force on 2025-09-16');
    expect(describeFault(unit, 'vi')).toBe('"99999" không phải là mã tỉnh, mã xã hoặc mã thôn, tổ dân phố còn hiệu lực vào ngày 16/09/2025');
    const before = { code: 'before_received_at', params: { value: '01/09/2025', received: '2025-09-16 08:30:00' } } as const;
    expect(describeFault(before, 'vi')).toBe('"01/09/2025" trước thời điểm tiếp nhận đơn (16/09/2025 08:30)');
    expect(describeFault(before, 'en')).toBe('"01/09/2025" is before the petition was received (2025-09-16 08:30:00)');
  });

  it('in NFC, whatever the values were written in', () => {
    const nfd = { code: 'not_date', params: { value: 'ngày mười sáu'.normalize('NFD') } } as const;
    expect(describeFault(nfd, 'vi')).toBe('"ngày mười sáu" không phải là ngày');
    expect(describeFault(nfd, 'vi')).toBe(describeFault(nfd, 'vi').normalize('NFC'));
  });

  it('kept as codes and values, and read back in either language, whatever the values hold', () => {
    const value = 'Phường Văn Miếu - Quốc Tử Giám\u001f; "x"\u001e';
    const kept = encodeFaults([{ code: 'empty' }, { code: 'not_date', params: { value } }, { code: 'repeated_row', params: { row: 12 } }]);
    expect(decodeFaults(kept)).toEqual([
      { code: 'empty', params: {} },
      { code: 'not_date', params: { value: 'Phường Văn Miếu - Quốc Tử Giám ; "x" ' } },
      { code: 'repeated_row', params: { row: '12' } },
    ]);
    expect(describeReason(kept, 'vi')).toBe('đang để trống; "Phường Văn Miếu - Quốc Tử Giám ; "x" " không phải là ngày; cũng có ở dòng 12 với nội dung khác');
    expect(describeReason(kept, 'en')).toBe('is empty; "Phường Văn Miếu - Quốc Tử Giám ; "x" " is not a date; is also on row 12 with other values');
  });

  it('gives a reason kept before faults were codes as it was written', () => {
    expect(describeReason('"99999" is not a province, commune or village in force on 2025-09-16', 'vi')).toBe(
      '"99999" is not a province, commune or village in force on 2025-09-16',
    );
    expect(describeReason('', 'vi')).toBe('');
  });

  it('refuses a code this file does not know, as a check out of step with it', () => {
    expect(() => decodeFault('not_a_code\u001fx')).toThrow(/does not know/);
  });
});

describe('the faults the SQL checks write', () => {
  // Every fp_fault(code, [values]) in sql/ingest/ names a known code with as many values as the code takes: the values
  // are stored by position, so one too few or too many would shift them.
  const files = fs.readdirSync(path.join(SQL_DIR, 'ingest'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.sql'));
  const calls = files.flatMap((f) => {
    const sql = fs.readFileSync(path.join(SQL_DIR, 'ingest', f), 'utf8').replace(/--.*$/gm, '');
    return [...sql.matchAll(/fp_fault\('(\w+)', \[/g)].map((m) => ({ file: f, code: m[1] as string, values: topLevelItems(sql, (m.index ?? 0) + m[0].length) }));
  });

  it('finds them', () => {
    expect(calls.length).toBeGreaterThan(30);
  });
  for (const call of calls) {
    it(`${call.file}: ${call.code}`, () => {
      expect(isFaultCode(call.code)).toBe(true);
      const text = FAULT_TEXTS[call.code as FaultCode];
      expect(call.values).toBe('params' in text ? text.params.length : 0);
    });
  }
});

/** How many items the array literal that starts at `from` (just past its "[") holds, at its own depth. */
function topLevelItems(sql: string, from: number): number {
  let depth = 0;
  let items = 0;
  let quoted = false;
  let written = false;
  for (let i = from; i < sql.length; i++) {
    const ch = sql[i] as string;
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === "'") quoted = false;
      continue;
    }
    if (ch === "'") quoted = true;
    else if ('([{'.includes(ch)) depth++;
    else if (')}'.includes(ch) || (ch === ']' && depth > 0)) depth--;
    else if (ch === ']') return items + (written ? 1 : 0);
    else if (ch === ',' && depth === 0) items++;
    if (!/\s/.test(ch)) written = true;
  }
  throw new Error('an array literal that does not end');
}
