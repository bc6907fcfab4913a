import fc from 'fast-check';
import { findRejection } from './error-matcher';
import { PROFILES } from './profiles/profile-registry';

const ios = PROFILES.cisco_ios.errorPatterns;

describe('findRejection', () => {
  it.each([
    ["% Invalid input detected at '^' marker."],
    ['% Incomplete command.'],
    ['% Ambiguous command:  "int g"'],
    ['% Bad mask /8 for address 10.0.0.1'],
    ['%Error opening tftp://10.0.0.1/x (Timed out)'],
    ['% 10.0.0.0 overlaps with GigabitEthernet0/0'],
    ['Command authorization failed.'],
  ])('IOS rejects %s', (line) => {
    expect(findRejection(ios, ['     ^', line])?.line).toBe(line);
  });

  it.each([
    ['description Error: old uplink'],
    ['*Mar  1 00:00:01: %LINK-3-UPDOWN: Interface Gi0/1, changed state to up'],
    ['% Warning: this setting is deprecated'],
    ['Building configuration...'],
    ['remark % Invalid input is what we want to see'],
  ])('IOS accepts %s', (line) => {
    expect(findRejection(ios, [line])).toBeUndefined();
  });

  it('Junos errors are lower-case and anchored', () => {
    const junos = PROFILES.juniper_junos.errorPatterns;
    expect(findRejection(junos, ['                 ^', 'syntax error.'])?.line).toBe(
      'syntax error.',
    );
    expect(findRejection(junos, ['error: configuration database locked by:'])).toBeDefined();
    expect(findRejection(junos, ['warning: statement has no contents; ignored'])).toBeUndefined();
    expect(findRejection(junos, ['description "Syntax error. handled"'])).toBeUndefined();
  });

  it('FRR treats every % line but warnings as a rejection', () => {
    const frr = PROFILES.frr.errorPatterns;
    expect(findRejection(frr, ['% Malformed address: 10.0.0.300'])).toBeDefined();
    expect(findRejection(frr, ['% Warning: peer-group is deprecated'])).toBeUndefined();
  });

  it('Linux shell errors', () => {
    const linux = PROFILES.linux.errorPatterns;
    expect(findRejection(linux, ['bash: frobnicate: command not found'])).toBeDefined();
    expect(findRejection(linux, ['cat: /etc/nope: No such file or directory'])).toBeDefined();
    expect(findRejection(linux, ['net.ipv4.ip_forward = 1'])).toBeUndefined();
  });

  it('finds what testing every pattern on every line finds, on every profile', () => {
    const sets = Object.values(PROFILES).flatMap((p) => [
      p.errorPatterns,
      ...(p.save ? [p.save.errorPatterns] : []),
    ]);
    const oneByOne = (patterns: readonly RegExp[], lines: readonly string[]) =>
      lines.flatMap((line) =>
        patterns.filter((p) => new RegExp(p.source, p.flags).test(line)).map(() => line),
      )[0];
    const seed = fc.constantFrom(
      '% ',
      '%',
      'error: ',
      'Error ',
      'ERROR: ',
      'syntax error',
      'Copy failed',
      '%Error writing nvram',
      'bash: ',
      'Command authorization failed',
      '!!% ',
      '',
    );
    const line = fc
      .tuple(
        seed,
        fc.string({ maxLength: 12 }),
        fc.constantFrom('', ' does not exist', ' command not found', ': No such file or directory'),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.constantFrom(...sets), fc.array(line, { maxLength: 6 }), (patterns, lines) => {
        expect(findRejection(patterns, lines)?.line).toBe(oneByOne(patterns, lines));
      }),
      { numRuns: 3_000 },
    );
  });

  it('still tests patterns one by one when a back-reference keeps them from being joined', () => {
    const patterns = [/^(a)\1$/, /^b$/];
    expect(findRejection(patterns, ['x', 'aa'])?.line).toBe('aa');
    expect(findRejection(patterns, ['ab', 'b'])?.pattern).toBe(patterns[1]);
  });
});
