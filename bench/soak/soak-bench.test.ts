import { flatness } from './memory-series';
import { faultFor, faultyIndexes } from './soak-faults';

const MB = 1e6;

describe('soak memory series', () => {
  it('is too short to judge before a minute of samples', () => {
    expect(
      flatness([
        { atS: 0, bytes: MB },
        { atS: 50, bytes: 9 * MB },
      ]).verdict,
    ).toBe('too short');
  });

  it('ignores the first minute, then calls a series flat or growing', () => {
    const warm = [
      { atS: 0, bytes: 50 * MB },
      { atS: 30, bytes: 100 * MB },
    ];
    const flat = flatness([...warm, { atS: 60, bytes: 100 * MB }, { atS: 120, bytes: 110 * MB }]);
    expect(flat).toEqual({ verdict: 'flat', afterWarmUpMb: 100, lastMb: 110, maxMb: 110 });
    const growing = flatness([
      ...warm,
      { atS: 60, bytes: 100 * MB },
      { atS: 120, bytes: 130 * MB },
    ]);
    expect(growing.verdict).toBe('growing');
  });
});

describe('soak faults', () => {
  it('picks pct % of the devices, spread out, never the canary', () => {
    const picked = faultyIndexes(10_000, 1);
    expect(picked).toHaveLength(100);
    expect(new Set(picked).size).toBe(100);
    expect(picked).not.toContain(0);
    expect(faultyIndexes(50, 1)).toEqual([]);
  });

  it('mixes the fault knobs and keeps the latency on every faulty device', () => {
    const specs = [0, 1, 2, 3, 4].map((n) => faultFor(n, 20));
    expect(specs.every((s) => s.commandLatencyMs === 20)).toBe(true);
    expect(new Set(specs.map((s) => Object.keys(s).sort().join()))).toHaveProperty('size', 5);
  });
});
