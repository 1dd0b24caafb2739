/**
 * Tracking codes: what a citizen is given for a submission and types in to follow it. Ten characters of Crockford's
 * base 32 (no I, L, O, U: nothing to misread), 50 random bits: not guessable, so the status page needs no log-in.
 * Shown as PA-XXXXX-XXXXX; read back in any case, with or without the prefix and dashes, O as 0 and I or L as 1.
 */
import crypto from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 10;
const PREFIX = 'PA';

export function newTrackingCode(): string {
  const bytes = crypto.randomBytes(CODE_LENGTH);
  let code = '';
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return code;
}

/** The code as printed for the citizen. */
export function displayCode(code: string): string {
  return `${PREFIX}-${code.slice(0, 5)}-${code.slice(5)}`;
}

/** The stored code of what a citizen typed, or undefined when it cannot be one. */
export function readTrackingCode(typed: string): string | undefined {
  let s = typed.trim().toUpperCase().replace(/[\s-]/g, '');
  if (s.startsWith(PREFIX) && s.length === CODE_LENGTH + PREFIX.length) s = s.slice(PREFIX.length);
  s = s.replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== CODE_LENGTH) return undefined;
  for (const c of s) if (!ALPHABET.includes(c)) return undefined;
  return s;
}

const PETITION_PREFIX = 'web-';

/** The petition a submission becomes. */
export function petitionIdOf(code: string): string {
  return `${PETITION_PREFIX}${code}`;
}

/** The tracking code of a petition from the form (petitionIdOf backwards). */
export function trackingCodeOf(petitionId: string): string {
  return petitionId.slice(PETITION_PREFIX.length);
}
