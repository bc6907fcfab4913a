import { inspect } from 'node:util';
import { Secret } from './secret';

describe('Secret', () => {
  it('reveals its value only when asked', () => {
    const secret = new Secret('hunter2');
    expect(secret.reveal()).toBe('hunter2');
    expect(String(secret)).toBe('[redacted]');
    expect(`${secret}`).toBe('[redacted]');
    expect(JSON.stringify({ secret })).toBe('{"secret":"[redacted]"}');
    expect(inspect({ nested: { secret } }, { depth: 5 })).not.toContain('hunter2');
    expect(Object.keys(secret)).toEqual([]);
  });
});
