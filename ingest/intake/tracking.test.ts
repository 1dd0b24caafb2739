import { describe, expect, it } from 'vitest';
import { displayCode, newTrackingCode, readTrackingCode } from './tracking.js';

describe('tracking codes', () => {
  it('are ten characters a citizen cannot misread, and differ each time', () => {
    const codes = new Set(Array.from({ length: 1000 }, newTrackingCode));
    expect(codes.size).toBe(1000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
  });

  it('are read back as typed: any case, with or without the prefix and dashes, O for 0 and I or L for 1', () => {
    const code = '0A1B2C3D4E';
    expect(displayCode(code)).toBe('PA-0A1B2-C3D4E');
    for (const typed of ['PA-0A1B2-C3D4E', 'pa-0a1b2-c3d4e', ' 0A1B2 C3D4E ', 'OA1B2C3D4E', 'pa0alb2c3d4e']) expect(readTrackingCode(typed)).toBe(code);
  });

  it('refuses what cannot be a code', () => {
    for (const typed of ['', 'PA-0A1B2', '0A1B2C3D4E5', 'UA1B2C3D4E', "0A1B2C3D4'"]) expect(readTrackingCode(typed)).toBeUndefined();
  });
});
