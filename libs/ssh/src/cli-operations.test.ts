import { CliDriver } from './cli-driver';
import { CliOperations } from './cli-operations';
import { SshError, UnsupportedOperationError } from './errors';
import { profileFor } from './profiles/profile-registry';
import { ShellChannel } from './shell-channel';

function ops(platform: Parameters<typeof profileFor>[0]): CliOperations {
  const profile = profileFor(platform);
  const channel = new ShellChannel({
    write: () => undefined,
    secrets: [],
    transcriptMaxBytes: 1024,
    onLine: undefined,
    pagers: [],
  });
  return new CliOperations(new CliDriver(channel, profile), profile, (t) => t, undefined);
}

describe('commit confirmed durations', () => {
  it('Junos takes minutes: seconds are rounded up', () => {
    expect(ops('juniper_junos').commitConfirmedCommand(90)).toBe('commit confirmed 2');
    expect(ops('juniper_junos').commitConfirmedCommand(1)).toBe('commit confirmed 1');
  });

  it('IOS-XR takes seconds, at least 30', () => {
    expect(ops('cisco_xr').commitConfirmedCommand(300)).toBe('commit confirmed 300');
    expect(ops('cisco_xr').commitConfirmedCommand(5)).toBe('commit confirmed 30');
  });

  it('refuses nonsense and platforms without a candidate', () => {
    expect(() => ops('cisco_xr').commitConfirmedCommand(0)).toThrow(SshError);
    expect(() => ops('cisco_xr').commitConfirmedCommand(100_000)).toThrow(SshError);
    expect(() => ops('cisco_ios').commitConfirmedCommand(60)).toThrow(UnsupportedOperationError);
  });
});
