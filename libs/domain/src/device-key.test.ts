import { deviceKey, parseDeviceKey } from './device-key';

describe('deviceKey', () => {
  it('joins host and port', () => {
    expect(deviceKey('Router1.Example.net', 22)).toBe('router1.example.net:22');
  });

  it('brackets IPv6 literals so the key splits at its last colon', () => {
    expect(deviceKey('2001:db8::1', 830)).toBe('[2001:db8::1]:830');
    expect(deviceKey('[::1]', 22)).toBe('[::1]:22');
  });

  it('round-trips through parseDeviceKey', () => {
    for (const [host, port] of [
      ['10.0.0.1', 22],
      ['2001:db8::1', 2222],
      ['edge-1', 65535],
    ] as const) {
      const parsed = parseDeviceKey(deviceKey(host, port));
      expect(parsed).toEqual({ ok: true, value: { host, port } });
    }
  });

  it('refuses keys without a port, with a bad port, or unbracketed IPv6', () => {
    expect(parseDeviceKey('10.0.0.1').ok).toBe(false);
    expect(parseDeviceKey('10.0.0.1:0').ok).toBe(false);
    expect(parseDeviceKey('10.0.0.1:70000').ok).toBe(false);
    expect(parseDeviceKey('2001:db8::1:22').ok).toBe(false);
  });
});
