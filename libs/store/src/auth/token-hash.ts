import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The SHA-256 of a bearer token, hex. Tokens are 256-bit random values, so a fast unsalted
 * hash is enough: there is nothing to brute-force, and a stolen Redis dump yields no token.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Compares two token hashes in constant time. Both are fixed-length digests, so neither the
 * position of the first differing byte nor the length of a guessed token leaks through timing.
 */
export function tokenHashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
