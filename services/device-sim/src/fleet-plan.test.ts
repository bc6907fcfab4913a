import fc from 'fast-check';
import { SimOptionsError } from './errors';
import { faultySet, planFleet } from './fleet-plan';

describe('planFleet', () => {
  it('assigns platforms round-robin and unique generated names', () => {
    const plans = planFleet({ devices: 9, platforms: 'mix' });
    expect(plans[0]?.platform).toBe('cisco_ios');
    expect(plans[8]?.platform).toBe('cisco_ios');
    expect(new Set(plans.map((p) => p.hostname)).size).toBe(9);
    expect(new Set(plans.map((p) => p.password)).size).toBe(9);
  });

  it('gives enable secrets only to platforms with an enable mode', () => {
    const plans = planFleet({ devices: 8, platforms: 'mix', enableSecrets: true });
    expect(plans.filter((p) => p.enableSecret).map((p) => p.platform)).toEqual([
      'cisco_ios',
      'cisco_xe',
      'arista_eos',
    ]);
  });

  it('refuses bad counts and bad fault regexes', () => {
    expect(() => planFleet({ devices: -1 })).toThrow(SimOptionsError);
    expect(() => planFleet({ devices: 1, faults: { rejectCommand: '(' } })).toThrow(
      SimOptionsError,
    );
  });
});

describe('faultySet', () => {
  it('picks round(fraction × n) devices (at least one), the same ones for the same seed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        fc.integer(),
        (n, fraction, seed) => {
          const a = faultySet(n, { fraction, faults: {}, seed });
          const b = faultySet(n, { fraction, faults: {}, seed });
          expect(a.size).toBe(Math.max(1, Math.round(fraction * n)));
          expect([...a]).toEqual([...b]);
          expect([...a].every((i) => i >= 0 && i < n)).toBe(true);
        },
      ),
    );
  });
});
