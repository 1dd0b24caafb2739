/**
 * The public form's challenge: a small sum to work out ("7 + 5 = ?"), enough to turn away scripts that post blindly,
 * with no third-party service (none is reachable). Stateless: the token carries its expiry and a nonce, signed with
 * the answer under a key the process draws at start; only someone who knows the answer can make the signature match.
 * Each token is good for one submission, for CHALLENGE_MINUTES.
 */
import crypto from 'node:crypto';

export const CHALLENGE_MINUTES = 30;
const NUMBER_WORDS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười'];

export interface Challenge {
  token: string;
  /** The question as shown: digits and words, so that a screen reader reads it too. */
  question: string;
  expiresAt: string;
}

export type ChallengeCheck = { ok: true } | { ok: false; message: string };

export class Challenges {
  private readonly key = crypto.randomBytes(32);
  /** Nonces already used, with their expiry: forgotten once expired. */
  private readonly used = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(): Challenge {
    const a = crypto.randomInt(1, 10);
    const b = crypto.randomInt(1, 10);
    const expires = this.now() + CHALLENGE_MINUTES * 60_000;
    const nonce = crypto.randomBytes(9).toString('base64url');
    return {
      token: `${expires}.${nonce}.${this.sign(expires, nonce, a + b)}`,
      question: `${a} + ${b} = ? (${NUMBER_WORDS[a]} cộng ${NUMBER_WORDS[b]})`,
      expiresAt: new Date(expires).toISOString(),
    };
  }

  check(token: string, answer: string): ChallengeCheck {
    const [expiresText, nonce, signature] = token.split('.');
    const expires = Number(expiresText);
    if (!nonce || !signature || !Number.isFinite(expires)) return { ok: false, message: 'mã kiểm tra không hợp lệ: hãy tải lại câu hỏi' };
    if (expires < this.now()) return { ok: false, message: `câu hỏi kiểm tra đã quá ${CHALLENGE_MINUTES} phút: hãy trả lời câu hỏi mới` };
    this.forgetExpired();
    if (this.used.has(nonce)) return { ok: false, message: 'câu hỏi kiểm tra này đã được dùng: hãy trả lời câu hỏi mới' };
    const value = Number(answer.trim());
    const expected = Buffer.from(this.sign(expires, nonce, value));
    const given = Buffer.from(signature);
    if (!Number.isInteger(value) || expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
      return { ok: false, message: 'câu trả lời kiểm tra chưa đúng' };
    }
    this.used.set(nonce, expires);
    return { ok: true };
  }

  private sign(expires: number, nonce: string, answer: number): string {
    return crypto.createHmac('sha256', this.key).update(`${expires}.${nonce}.${answer}`).digest('base64url');
  }

  private forgetExpired(): void {
    if (this.used.size < 10_000) return;
    const now = this.now();
    for (const [nonce, expires] of this.used) if (expires < now) this.used.delete(nonce);
  }
}

/** The sum a question asks, read from its digits (the benchmark and tests answer as a person would). */
export function solve(question: string): number {
  const [a, b] = question.match(/\d+/g) ?? [];
  return Number(a) + Number(b);
}
