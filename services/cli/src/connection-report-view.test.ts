import { renderConnectionReport } from './connection-report-view';

describe('renderConnectionReport', () => {
  it('summarises the check and lists only the devices that did not log in', () => {
    const text = renderConnectionReport({
      checked: 3,
      reachable: 2,
      login_ok: 1,
      devices: [
        { key: '10.0.0.1:22', reachable: true, login: true, error_code: null },
        { key: '10.0.0.2:22', reachable: true, login: false, error_code: 'auth_failed' },
        { key: '10.0.0.3:2222', reachable: false, login: false, error_code: 'connection_refused' },
      ],
    });
    expect(text.split('\n')).toEqual([
      'connection check: 3 checked, 2 reachable, 1 logged in',
      'KEY            PORT         ERROR',
      '10.0.0.2:22    reachable    auth_failed',
      '10.0.0.3:2222  unreachable  connection_refused',
      '',
    ]);
  });

  it('prints the summary alone when every device logged in', () => {
    const text = renderConnectionReport({
      checked: 1,
      reachable: 1,
      login_ok: 1,
      devices: [{ key: '10.0.0.1:22', reachable: true, login: true, error_code: null }],
    });
    expect(text).toBe('connection check: 1 checked, 1 reachable, 1 logged in\n');
  });
});
