import { describe, expect, it } from 'vitest';
import { Challenges, CHALLENGE_MINUTES, solve } from './challenge.js';

describe('the form challenge', () => {
  it('accepts the right answer once, and says why it refuses', () => {
    const challenges = new Challenges();
    const c = challenges.issue();
    expect(c.question).toMatch(/^\d \+ \d = \? \(.+ cộng .+\)$/);
    const answer = solve(c.question);
    expect(challenges.check(c.token, String(answer + 1))).toEqual({ ok: false, message: 'câu trả lời kiểm tra chưa đúng' });
    expect(challenges.check(c.token, ` ${answer} `)).toEqual({ ok: true });
    expect(challenges.check(c.token, String(answer))).toMatchObject({ ok: false, message: expect.stringContaining('đã được dùng') });
    expect(challenges.check('rubbish', '3')).toMatchObject({ ok: false, message: expect.stringContaining('không hợp lệ') });
  });

  it('expires', () => {
    let now = Date.parse('2026-11-23T08:00:00Z');
    const challenges = new Challenges(() => now);
    const c = challenges.issue();
    now += CHALLENGE_MINUTES * 60_000 + 1;
    expect(challenges.check(c.token, String(solve(c.question)))).toMatchObject({ ok: false, message: expect.stringContaining('quá 30 phút') });
  });

  it('cannot be answered with a token of another process (a forged signature)', () => {
    const c = new Challenges().issue();
    expect(new Challenges().check(c.token, String(solve(c.question)))).toMatchObject({ ok: false });
  });
});
