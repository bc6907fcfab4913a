import { parsePeersArgs } from './bench-args';
import type { Measurement } from './change';
import { parseStat } from './process-usage';
import { floorTable, median, ratioTable, summaryTable } from './results-table';
import { ansibleInventory } from './ansible-runner';

function m(tool: string, run: number, wallMs: number, cpuSeconds: number): Measurement {
  return { tool, devices: 100, run, wallMs, cpuSeconds, peakRssBytes: 50e6, failures: 0 };
}

describe('peer benchmark figures', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('pairs fleetpush and a peer run by run: speed-up and CPU ratio per run, then the median', () => {
    const table = ratioTable([
      m('fleetpush c50', 1, 1000, 0.5),
      m('fleetpush c50', 2, 2000, 0.5),
      m('netmiko', 1, 30_000, 3),
      m('netmiko', 2, 20_000, 2),
    ]);
    expect(table).toContain(
      '| 100 | fleetpush c50 | netmiko | 20.0× | 30.0×, 10.0× | 5.0× | 6.0×, 4.0× |',
    );
  });

  it('sets fleetpush against the SSH floor of the same window, run by run, and not as a peer', () => {
    const runs = [
      m('fleetpush c200 warm', 1, 1000, 0.5),
      m('fleetpush c200 warm', 2, 1200, 0.6),
      m('ssh2 floor c200', 1, 800, 0.3),
      m('ssh2 floor c200', 2, 1000, 0.3),
      m('ssh2 floor c50', 1, 2000, 0.1),
    ];
    expect(floorTable(runs)).toContain(
      '| 100 | fleetpush c200 warm | 3.00 | 5.50 | 2.50 | 2.00, 3.00 | 1.23× |',
    );
    expect(ratioTable(runs)).not.toContain('ssh2 floor');
    expect(floorTable([m('fleetpush c50', 1, 1000, 0.5), m('netmiko', 1, 9000, 1)])).toBe('');
  });

  it('prints devices/s and CPU per device from the medians', () => {
    const table = summaryTable([m('netmiko', 1, 20_000, 2), m('netmiko', 2, 30_000, 4)]);
    expect(table).toContain('| 100 | netmiko | 2 | 25.00 | 4.0 | 3.00 | 30.00 | 50 | 0/0 | ?/? |');
  });
});

describe('peer benchmark plumbing', () => {
  it('reads CPU times from /proc/<pid>/stat even when the name has spaces and parentheses', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i));
    fields[1] = '77'; // ppid
    fields[11] = '150'; // utime (ticks)
    fields[12] = '50'; // stime
    fields[13] = '300'; // cutime
    fields[14] = '100'; // cstime
    const stat = `1234 (ansible (conn) x) ${fields.join(' ')}`;
    expect(parseStat(stat)).toEqual({ ppid: 77, own: 2, children: 4 });
  });

  it('writes an Ansible inventory over network_cli with the cisco.ios network OS', () => {
    const csv =
      'host,port,device_type,username,password,name\n127.0.0.1,4022,cisco_ios,admin,pw1,R1\n';
    const ini = ansibleInventory(csv);
    expect(ini).toContain(
      'R1 ansible_host=127.0.0.1 ansible_port=4022 ansible_user=admin ansible_password=pw1',
    );
    expect(ini).toContain('ansible_network_os=cisco.ios.ios');
    expect(ini).toContain('ansible_connection=ansible.netcommon.network_cli');
  });

  it('parses the options and refuses an unknown tool', () => {
    expect(
      parsePeersArgs(['--devices', '20', '--runs', '2', '--tools', 'fleetpush,netmiko']),
    ).toEqual({
      devices: [20],
      ansibleDevices: [100],
      runs: 2,
      tools: ['fleetpush', 'netmiko'],
      concurrency: [50, 200],
      workers: 1,
      warm: false,
      timeline: false,
    });
    expect(parsePeersArgs(['--warm']).warm).toBe(true);
    expect(parsePeersArgs(['--timeline']).timeline).toBe(true);
    expect(() => parsePeersArgs(['--tools', 'salt'])).toThrow('--tools: unknown salt');
    expect(() => parsePeersArgs(['--devices', '0'])).toThrow('--devices must be positive integers');
  });
});
