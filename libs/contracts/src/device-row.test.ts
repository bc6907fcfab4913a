import fc from 'fast-check';
import { deviceRowSchema, splitVerifyCommands } from './device-row';

const base = { host: '10.0.0.1', device_type: 'cisco_ios', username: 'admin', password: 'pw' };

function firstProblem(row: Record<string, string>): string {
  const parsed = deviceRowSchema.safeParse(row);
  if (parsed.success) return '';
  const issue = parsed.error.issues[0]!;
  return `${issue.path.join('.')}: ${issue.message}`;
}

describe('deviceRowSchema', () => {
  it('parses a full nw-edit row', () => {
    const row = deviceRowSchema.parse({
      ...base,
      port: '2222',
      name: ' edge-1 ',
      verify_cmds: 'show run | i ntp; show clock;;',
      host_vars: '{"vlan": 10, "enabled": true, "site": "ams"}',
      prod: 'TRUE',
    });
    expect(row).toMatchObject({
      host: '10.0.0.1',
      port: 2222,
      device_type: 'cisco_ios',
      name: 'edge-1',
      verify_cmds: ['show run | i ntp', 'show clock'],
      host_vars: { vlan: '10', enabled: 'true', site: 'ams' },
      prod: true,
      tags: [],
    });
  });

  it('defaults the port to 22, normalises aliases and brackets', () => {
    expect(
      deviceRowSchema.parse({ ...base, host: '[2001:db8::1]', device_type: 'Generic Linux' }),
    ).toMatchObject({ host: '2001:db8::1', port: 22, device_type: 'linux' });
  });

  it('keeps passwords exactly, including surrounding spaces', () => {
    expect(deviceRowSchema.parse({ ...base, password: '  p w  ' }).password).toBe('  p w  ');
  });

  it('names the column of each problem', () => {
    expect(firstProblem({ ...base, port: '70000' })).toMatch(/^port: must be an integer 1-65535/);
    expect(firstProblem({ ...base, port: '22.5' })).toMatch(/^port: /);
    expect(firstProblem({ ...base, device_type: 'toaster' })).toMatch(
      /^device_type: unknown device_type "toaster"/,
    );
    expect(firstProblem({ ...base, host_vars: '[1,2]' })).toMatch(
      /^host_vars: must be a JSON object/,
    );
    expect(firstProblem({ ...base, host_vars: '{"a-b":"1"}' })).toMatch(/^host_vars: key "a-b"/);
    expect(firstProblem({ ...base, host_vars: '{"a":{"b":1}}' })).toMatch(
      /^host_vars: value of "a"/,
    );
    expect(firstProblem({ ...base, host_vars: '{oops' })).toMatch(
      /^host_vars: must be a JSON object/,
    );
    expect(firstProblem({ ...base, prod: 'maybe' })).toMatch(/^prod: must be true or false/);
    expect(firstProblem({ ...base, host: 'bad host!' })).toMatch(/^host: /);
    expect(firstProblem({ ...base, host_key: 'md5:aa' })).toMatch(/^host_key: /);
    expect(firstProblem({ host: '10.0.0.1', device_type: 'eos', username: 'a' })).toMatch(
      /^password: is required/,
    );
  });

  it('accepts a credential profile instead of username and password', () => {
    const row = deviceRowSchema.parse({
      host: 'r1.example.net',
      device_type: 'junos',
      credential: 'core-ro',
    });
    expect(row.credential).toBe('core-ro');
    expect(row.device_type).toBe('juniper_junos');
    expect(row.username).toBeUndefined();
    expect(row.password).toBeUndefined();
  });

  it('never echoes a password in an error message', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 6 }), (secret) => {
        const parsed = deviceRowSchema.safeParse({
          ...base,
          password: secret,
          port: 'x',
          prod: 'x',
          host_vars: '{',
        });
        expect(parsed.success).toBe(false);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) expect(issue.message).not.toContain(secret);
        }
      }),
    );
  });
});

describe('splitVerifyCommands', () => {
  it('splits on ; with \\; as a literal semicolon', () => {
    expect(splitVerifyCommands('show a; echo x\\;y ; ')).toEqual(['show a', 'echo x;y']);
  });
});
