import fc from 'fast-check';
import { buildTemplateScope, type TemplateDeviceFacts } from './template-scope';

const device: TemplateDeviceFacts = {
  host: 'edge1.example.net',
  port: 22,
  deviceType: 'cisco_ios',
  prod: true,
};

const values = (scope: ReturnType<typeof buildTemplateScope>): Record<string, string> =>
  Object.fromEntries([...scope].map(([k, v]) => [k, v.value]));

describe('buildTemplateScope', () => {
  it('derives host, ip, port, device_type, hostname and prod from the device', () => {
    expect(values(buildTemplateScope({ device }))).toEqual({
      host: 'edge1.example.net',
      ip: 'edge1.example.net',
      port: '22',
      device_type: 'cisco_ios',
      hostname: 'edge1.example.net',
      prod: 'true',
    });
  });

  it('uses the name as hostname when there is one', () => {
    const scope = buildTemplateScope({ device: { ...device, name: ' core-a ', prod: false } });
    expect(scope.get('hostname')?.value).toBe('core-a');
    expect(scope.get('name')?.value).toBe('core-a');
    expect(scope.get('prod')?.value).toBe('false');
  });

  it('lets a column override the derived ip and hostname but not the parsed facts', () => {
    const columns = { ip: '10.0.0.1', hostname: 'EDGE1', port: '99', host: 'x', site: 'par1' };
    const scope = buildTemplateScope({ device: { ...device, columns } });
    expect(values(scope)).toMatchObject({
      ip: '10.0.0.1',
      hostname: 'EDGE1',
      port: '22',
      host: 'edge1.example.net',
      site: 'par1',
    });
  });

  it('never exposes credential columns or non-identifier columns', () => {
    const columns = {
      password: 'hunter2',
      enable_secret: 's3',
      snmp_secret: 's4',
      tacacs_password: 's5',
      api_token: 's6',
      passive_interface: 'Gi0/2',
      'bad-name': 'x',
      username: 'ops',
    };
    const scope = buildTemplateScope({ device: { ...device, columns } });
    const names = [...scope.keys()];
    for (const hidden of [
      'password',
      'enable_secret',
      'snmp_secret',
      'tacacs_password',
      'api_token',
      'bad-name',
    ]) {
      expect(names).not.toContain(hidden);
    }
    expect(scope.get('passive_interface')?.value).toBe('Gi0/2');
    expect(scope.get('username')?.value).toBe('ops');
  });

  it('does not resolve inherited members even when layers are plain objects', () => {
    const hostVars = JSON.parse('{"__proto__": "p", "vlan": "10"}') as Record<string, string>;
    const scope = buildTemplateScope({ device, hostVars });
    expect(scope.get('constructor')).toBeUndefined();
    expect(scope.get('toString')).toBeUndefined();
    expect(scope.get('__proto__')).toEqual({ value: 'p', source: 'host_vars' });
  });

  it('applies host_vars > device > global_vars for random layers (property)', () => {
    const name = fc.constantFrom('a', 'b', 'c', 'site', 'ip', 'hostname', 'vlan', 'host');
    const layer = fc.dictionary(name, fc.string(), { maxKeys: 6 });
    fc.assert(
      fc.property(layer, layer, layer, (globalVars, columns, hostVars) => {
        const scope = buildTemplateScope({ globalVars, device: { ...device, columns }, hostVars });
        const deviceLayer = buildTemplateScope({ device: { ...device, columns } });
        for (const key of new Set([
          ...Object.keys(globalVars),
          ...deviceLayer.keys(),
          ...Object.keys(hostVars),
        ])) {
          const expected = Object.hasOwn(hostVars, key)
            ? { value: hostVars[key], source: 'host_vars' }
            : deviceLayer.has(key)
              ? { value: deviceLayer.get(key)?.value, source: 'device' }
              : { value: globalVars[key], source: 'global_vars' };
          expect(scope.get(key)).toEqual(expected);
        }
        expect(scope.size).toBe(
          new Set([...Object.keys(globalVars), ...deviceLayer.keys(), ...Object.keys(hostVars)])
            .size,
        );
      }),
    );
  });
});
