import { randomBytes } from 'node:crypto';
import { importDevices } from './import-devices';
import { SecretBox } from './secret-box';

const box = new SecretBox(randomBytes(32));

/**
 * An inventory in nw-edit's CSV format, as its users write them: `#` comment lines around the
 * header (nw-edit itself could not import its own sample because of them), its nine columns,
 * `verify_cmds` split on `;`, `host_vars` as a JSON object, `prod` as `true`, a Netmiko
 * `device_type` alias, an extra column used as a template variable, CRLF line endings.
 */
const NW_EDIT_CSV = [
  '# Devices for the NTP rollout',
  '',
  '# Columns: host, port, device_type, username, password, name, verify_cmds, host_vars, prod',
  'host,port,device_type,username,password,name,verify_cmds,host_vars,prod,site',
  '192.0.2.1,22,cisco_ios,admin,Cisco!123,Core-Router-01,show run | section ntp;show ntp status,"{""ntp_server"": ""192.0.2.100"", ""vlan"": 10}",true,ams',
  '192.0.2.2,,cisco_ios,admin,Cisco!123,Core-Router-02,show ntp status,,TRUE,ams',
  '192.0.2.10,2222,Generic Linux,root,  spaced pw  ,,uname -a,"{""ok"": true}",false,fra',
  '198.51.100.7,22,arista_eos,admin,x,Leaf-07,,,,',
  '',
  '# end of file',
].join('\r\n');

describe('an nw-edit inventory CSV', () => {
  it('imports unchanged', async () => {
    const result = await importDevices(NW_EDIT_CSV, { secrets: box });
    expect(result.rejected).toEqual([]);
    expect(result.total).toBe(4);
    const [core1, core2, linux, leaf] = result.devices;
    expect(core1).toMatchObject({
      key: '192.0.2.1:22',
      device_type: 'cisco_ios',
      username: 'admin',
      name: 'Core-Router-01',
      verify_commands: ['show run | section ntp', 'show ntp status'],
      host_vars: { ntp_server: '192.0.2.100', vlan: '10' },
      prod: true,
      vars: { site: 'ams' },
    });
    expect(core2).toMatchObject({ key: '192.0.2.2:22', port: 22, prod: true });
    expect(linux).toMatchObject({
      key: '192.0.2.10:2222',
      device_type: 'linux',
      host_vars: { ok: 'true' },
      prod: false,
      vars: { site: 'fra' },
    });
    // nw-edit trimmed passwords; fleetpush keeps them exactly.
    expect(box.open(linux!.password_sealed!, '192.0.2.10:2222')).toBe('  spaced pw  ');
    expect(leaf).toMatchObject({
      key: '198.51.100.7:22',
      device_type: 'arista_eos',
      prod: false,
      vars: {},
    });
  });

  it('reports nw-edit’s own row errors, on the lines an editor shows', async () => {
    const broken = NW_EDIT_CSV.replace(',,cisco_ios,admin', ',abc,cisco_ios,admin').replace(
      '{""ok"": true}',
      '[1]',
    );
    const result = await importDevices(broken, { secrets: box });
    expect(result.rejected.map((r) => [r.line, r.problems.map((p) => p.column)])).toEqual([
      [6, ['port']],
      [7, ['host_vars']],
    ]);
    expect(JSON.stringify(result.rejected)).not.toContain('Cisco!123');
  });
});
