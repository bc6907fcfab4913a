import fc from 'fast-check';
import { hashToken, tokenHashesEqual } from './token-hash';

describe('token hashes', () => {
  it('are 64 hex digits, equal exactly when the tokens are equal', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        const [ha, hb] = [hashToken(a), hashToken(b)];
        expect(ha).toMatch(/^[0-9a-f]{64}$/);
        expect(tokenHashesEqual(ha, hb)).toBe(a === b);
        expect(tokenHashesEqual(ha, ha)).toBe(true);
      }),
    );
  });

  it('never match an empty or malformed hash', () => {
    expect(tokenHashesEqual('', '')).toBe(false);
    expect(tokenHashesEqual(hashToken('t'), hashToken('t').slice(0, 62))).toBe(false);
  });
});
