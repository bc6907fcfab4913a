import { bearerToken } from './bearer-token';

describe('bearerToken', () => {
  it('takes auth.token first, then an Authorization: Bearer header', () => {
    expect(bearerToken({ auth: { token: 'a' }, headers: { authorization: 'Bearer b' } })).toBe('a');
    expect(bearerToken({ auth: {}, headers: { authorization: 'Bearer b' } })).toBe('b');
    expect(bearerToken({ auth: {}, headers: { authorization: 'bearer  c ' } })).toBe('c');
  });

  it('finds nothing in other shapes', () => {
    expect(bearerToken({ auth: { token: 42 }, headers: {} })).toBeUndefined();
    expect(
      bearerToken({ auth: {}, headers: { authorization: 'Basic dXNlcjpwdw==' } }),
    ).toBeUndefined();
    expect(bearerToken({ auth: {}, headers: { authorization: 'Bearer a b' } })).toBeUndefined();
    expect(
      bearerToken({ auth: {}, headers: { authorization: `Bearer ${'x'.repeat(2000)}` } }),
    ).toBeUndefined();
  });
});
