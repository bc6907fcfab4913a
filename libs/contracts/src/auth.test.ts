import { Role, ROLES, roleAllows } from './auth';

describe('roleAllows', () => {
  it('ranks viewer < operator < admin', () => {
    const allowed = ROLES.flatMap((role) =>
      ROLES.filter((needed) => roleAllows(role, needed)).map((needed) => `${role}>=${needed}`),
    );
    expect(allowed).toEqual([
      'viewer>=viewer',
      'operator>=viewer',
      'operator>=operator',
      'admin>=viewer',
      'admin>=operator',
      'admin>=admin',
    ]);
    expect(roleAllows(Role.viewer, Role.operator)).toBe(false);
  });
});
