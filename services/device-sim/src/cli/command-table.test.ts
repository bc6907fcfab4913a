import fc from 'fast-check';
import { IOS_EXEC } from '../personalities/ios/ios-commands';
import { matchCommand, syntax } from './command-table';

describe('matchCommand', () => {
  it('accepts unique prefixes of every word', () => {
    expect(matchCommand('sh ip int br', IOS_EXEC)).toEqual({
      kind: 'ok',
      id: 'show-ip-int-brief',
      args: [],
    });
    expect(matchCommand('conf t', IOS_EXEC)).toMatchObject({
      kind: 'ok',
      id: 'configure-terminal',
    });
    expect(matchCommand('term len 0', IOS_EXEC)).toEqual({
      kind: 'ok',
      id: 'terminal-length',
      args: ['0'],
    });
  });

  it('reports the column of the first word it cannot place', () => {
    expect(matchCommand('show  foo', IOS_EXEC)).toEqual({ kind: 'invalid', column: 6 });
    expect(matchCommand('frobnicate', IOS_EXEC)).toEqual({ kind: 'invalid', column: 0 });
  });

  it('calls a prefix of several keywords ambiguous and a short line incomplete', () => {
    expect(matchCommand('s', IOS_EXEC)).toMatchObject({ kind: 'ambiguous', token: 's' });
    expect(matchCommand('terminal length', IOS_EXEC)).toEqual({ kind: 'incomplete' });
  });

  it('prefers an exact keyword over a longer one it prefixes', () => {
    const table = [syntax('a', 'show interface brief'), syntax('b', 'show interfaces <rest>')];
    expect(matchCommand('show interface brief', table)).toMatchObject({ id: 'a' });
    expect(matchCommand('show interfaces Gi0/1', table)).toMatchObject({
      id: 'b',
      args: ['Gi0/1'],
    });
  });

  it('matches any unique abbreviation of show running-config to the same command', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 4 }), fc.integer({ min: 3, max: 14 }), (a, b) => {
        const line = `${'show'.slice(0, a)} ${'running-config'.slice(0, b)}`;
        return matchCommand(line, IOS_EXEC).kind === 'ok';
      }),
    );
  });
});
