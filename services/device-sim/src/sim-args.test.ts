import { parseSimArgs } from './sim-args';

describe('parseSimArgs', () => {
  it('builds fleet options from flags, with platform aliases', () => {
    const parsed = parseSimArgs([
      '--devices',
      '50',
      '--platforms',
      'ios,junos,eos',
      '--base-port',
      '20000',
      '--csv',
      'x.csv',
      '--faulty-fraction',
      '0.1',
      '--fault-latency-ms',
      '20',
      '--control-port',
      '0',
    ]);
    expect(parsed).toEqual({
      ok: true,
      value: {
        fleet: {
          devices: 50,
          platforms: ['cisco_ios', 'juniper_junos', 'arista_eos'],
          basePort: 20000,
          faults: {},
          faultyFraction: { fraction: 0.1, faults: { commandLatencyMs: 20 } },
        },
        csvPath: 'x.csv',
        controlPort: 0,
      },
    });
  });

  it('applies faults to every device without --faulty-fraction', () => {
    const parsed = parseSimArgs(['--fault-auth-failures', 'Infinity']);
    expect(parsed.ok && parsed.value.fleet.faults).toEqual({ authFailures: Infinity });
  });

  it('lists every problem at once', () => {
    const parsed = parseSimArgs(['--devices', 'many', '--platforms', 'cisco_ios,bogus']);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toEqual([
      '--devices must be a number >= 0, got "many"',
      'unknown platform "bogus"',
    ]);
  });
});
