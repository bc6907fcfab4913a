import { originAllowed } from './origin-policy';

describe('originAllowed', () => {
  const configured = ['https://ops.example.com', 'http://127.0.0.1:5173'];

  it('lets in programs (no Origin), configured origins and the same origin', () => {
    expect(originAllowed(undefined, 'gw:8081', configured)).toBe(true);
    expect(originAllowed('https://ops.example.com', 'gw:8081', configured)).toBe(true);
    expect(originAllowed('http://127.0.0.1:5173', 'gw:8081', configured)).toBe(true);
    expect(originAllowed('http://gw:8081', 'gw:8081', [])).toBe(true);
    expect(originAllowed('https://GW:8081', 'gw:8081', [])).toBe(true);
  });

  it('refuses any other browser origin', () => {
    expect(originAllowed('https://evil.example', 'gw:8081', configured)).toBe(false);
    expect(originAllowed('https://ops.example.com:8443', 'gw:8081', configured)).toBe(false);
    expect(originAllowed('http://gw:8082', 'gw:8081', [])).toBe(false);
    expect(originAllowed('null', 'gw:8081', [])).toBe(false);
    expect(originAllowed('file://gw:8081', 'gw:8081', [])).toBe(false);
    expect(originAllowed('http://gw:8081', undefined, [])).toBe(false);
  });
});
