import { PLATFORMS } from '@fleetpush/domain';
import { checkReadOnlyCommand, READ_ONLY_POLICIES } from './read-only-commands';

const allowed = (platform: Parameters<typeof checkReadOnlyCommand>[0], command: string): boolean =>
  checkReadOnlyCommand(platform, command).ok;

describe('the read-only command allow-list', () => {
  it('has a policy for every platform', () => {
    expect(Object.keys(READ_ONLY_POLICIES).sort()).toEqual([...PLATFORMS].sort());
  });

  it.each([
    'show running-config',
    'sh run',
    'SH RUN',
    'Show Version',
    '  show   ip   interface brief  ',
    'show run | include ntp',
    'sh run | i ntp',
    'show run | section interface | include description',
    'show ip bgp | include ^\\*>',
    'ping 10.0.0.1 repeat 5',
    'trace 10.0.0.1',
    'traceroute 10.0.0.1',
  ])('allows %j on IOS', (command) => {
    expect(allowed('cisco_ios', command)).toBe(true);
  });

  it.each([
    ['configure terminal', '"configure"'],
    ['conf t', '"conf"'],
    ['config', '"config"'],
    ['reload', '"reload"'],
    ['copy running-config startup-config', '"copy"'],
    ['write memory', '"write"'],
    ['wr', '"wr"'],
    ['debug ip packet', '"debug"'],
    ['clear counters', '"clear"'],
    ['s run', '"s"'],
    ['delete flash:config.text', '"delete"'],
    ['show run | redirect flash:x', '"redirect"'],
    ['show run | tee flash:x', '"tee"'],
    ['show run | append flash:x', '"append"'],
    ['show run > flash:x', 'redirection'],
    ['show run >flash:x', 'redirection'],
    ['show run | include a|reload', '"reload"'],
    ['ping', 'not read-only'],
    ['', 'empty'],
    ['   ', 'empty'],
  ])('refuses %j on IOS', (command, reason) => {
    const verdict = checkReadOnlyCommand('cisco_ios', command);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toContain(reason);
  });

  it('returns the command as it will be sent: whitespace collapsed, nothing else changed', () => {
    expect(checkReadOnlyCommand('cisco_ios', '  sh   run |  i   NTP ')).toEqual({
      ok: true,
      command: 'sh run | i NTP',
    });
  });

  it('knows each platform’s own filters and verbs', () => {
    expect(allowed('cisco_nxos', 'show run | grep ntp | no-more')).toBe(true);
    expect(allowed('cisco_nxos', 'show run | vsh')).toBe(false);
    expect(allowed('cisco_ios', 'show run | grep ntp')).toBe(false);
    expect(allowed('juniper_junos', 'show configuration | display set | match ntp')).toBe(true);
    expect(allowed('juniper_junos', 'show configuration | save /var/tmp/x')).toBe(false);
    expect(allowed('juniper_junos', 'configure exclusive')).toBe(false);
    expect(allowed('juniper_junos', 'request system reboot')).toBe(false);
    expect(allowed('juniper_junos', 'commit')).toBe(false);
    expect(allowed('arista_eos', 'show version | json')).toBe(true);
    expect(allowed('arista_eos', 'bash')).toBe(false);
    expect(allowed('cisco_xr', 'show run | file disk0:x')).toBe(false);
    expect(allowed('frr', 'show ip route')).toBe(true);
    expect(allowed('frr', 'write memory')).toBe(false);
  });

  it('treats Linux as a shell: case-sensitive, exact words, no chaining, read-only arguments', () => {
    for (const ok of [
      'uptime',
      'ip addr',
      'ip -br a',
      'ip route show',
      'df -h | grep /',
      'hostname',
      'hostname -f',
    ])
      expect([ok, allowed('linux', ok)]).toEqual([ok, true]);
    for (const refused of [
      'UPTIME',
      'ip route add 10.0.0.0/8 via 1.1.1.1',
      'ip link set eth0 down',
      'hostname evil',
      'uptime; reboot',
      'uptime && reboot',
      'echo $(reboot)',
      'uptime `reboot`',
      'df > /etc/passwd',
      'cat /etc/shadow',
      'df | sh',
      'sudo uptime',
    ])
      expect([refused, allowed('linux', refused)]).toEqual([refused, false]);
  });
});
