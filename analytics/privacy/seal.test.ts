import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sealer } from './seal.js';

describe('Sealer', () => {
  it('opens every seal made across several blocks of IVs, and never uses an IV twice', () => {
    const sealer = new Sealer(crypto.randomBytes(32));
    const ivs = new Set<string>();
    const count = 10_000;
    for (let i = 0; i < count; i++) {
      const sealed = sealer.seal({ phone: `09${String(i).padStart(8, '0')}` });
      expect(sealer.open<{ phone: string }>(sealed)?.phone).toBe(`09${String(i).padStart(8, '0')}`);
      ivs.add(Buffer.from(sealed.slice(3), 'base64').subarray(0, 12).toString('hex'));
    }
    expect(ivs.size).toBe(count);
  });

  it('does not open a seal made under another key', () => {
    const sealed = new Sealer(crypto.randomBytes(32)).seal({ name: 'Nguyễn Văn A' });
    expect(() => new Sealer(crypto.randomBytes(32)).open(sealed)).toThrow();
  });
});
