import { expiryFlag } from './expiry-flag';

const NOW = new Date('2026-12-07T12:00:00.000Z');

describe('expiryFlag', () => {
  it('counts days and hours from now, and takes an ISO time as it is', () => {
    expect(expiryFlag('30d', NOW, '')).toBe('2027-01-06T12:00:00.000Z');
    expect(expiryFlag('12h', NOW, '')).toBe('2026-12-08T00:00:00.000Z');
    expect(expiryFlag('2027-03-01T00:00:00Z', NOW, '')).toBe('2027-03-01T00:00:00.000Z');
    expect(expiryFlag(undefined, NOW, '')).toBeUndefined();
  });

  it('refuses what is not a time, and a time already past', () => {
    expect(() => expiryFlag('soon', NOW, '')).toThrow('--expires must be like 30d, 12h');
    expect(() => expiryFlag('30m', NOW, '')).toThrow('--expires must be like 30d, 12h');
    expect(() => expiryFlag('0d', NOW, '')).toThrow('--expires must be in the future');
    expect(() => expiryFlag('2026-01-01', NOW, '')).toThrow('--expires must be in the future');
  });
});
