import { parsePlatform, PLATFORMS } from './platform';

describe('parsePlatform', () => {
  it('takes every platform name and the aliases, in any case and padding', () => {
    for (const platform of PLATFORMS)
      expect(parsePlatform(` ${platform.toUpperCase()} `)).toBe(platform);
    expect(parsePlatform('IOS')).toBe('cisco_ios');
    expect(parsePlatform('generic linux')).toBe('linux');
  });

  it('refuses names that exist only on Object.prototype (found by the API fuzz)', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(parsePlatform(name)).toBeUndefined();
    }
  });
});
