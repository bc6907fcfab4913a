import fc from 'fast-check';
import { JunosTree, junosWords, statementPath } from './junos-tree';

const path = (line: string): string[] => statementPath(junosWords(line));

describe('Junos statements', () => {
  it('groups named statements and leaves as the schema would', () => {
    expect(path('interfaces ge-0/0/0 unit 0 family inet address 10.0.0.1/24')).toEqual([
      'interfaces',
      'ge-0/0/0',
      'unit 0',
      'family inet',
      'address 10.0.0.1/24',
    ]);
    expect(path('system syslog host 10.1.1.1 any any')).toEqual([
      'system',
      'syslog',
      'host 10.1.1.1',
      'any any',
    ]);
    expect(path('interfaces ge-0/0/1 description "to core"')).toEqual([
      'interfaces',
      'ge-0/0/1',
      'description "to core"',
    ]);
  });

  it('renders braces, replaces leaf values, deletes by bare keyword', () => {
    const tree = new JunosTree();
    tree.set(path('system host-name R1'));
    tree.set(path('system host-name R2'));
    tree.set(path('system ntp server 10.0.0.1'));
    expect(tree.render()).toEqual([
      'system {',
      '    host-name R2;',
      '    ntp {',
      '        server 10.0.0.1;',
      '    }',
      '}',
    ]);
    expect(tree.delete(path('system host-name'))).toBe(true);
    expect(tree.delete(path('system host-name'))).toBe(false);
    expect(tree.setLines()).toEqual(['set system ntp server 10.0.0.1']);
  });

  it('display set replays into the same tree', () => {
    const word = fc.constantFrom('alpha', 'beta', '10.0.0.1', 'ge-0/0/1');
    const line = fc.tuple(
      fc.constantFrom('system', 'interfaces', 'snmp'),
      fc.constantFrom('server', 'host', 'description', 'x'),
      word,
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const tree = new JunosTree();
        for (const l of lines) tree.set(path(l.join(' ')));
        const replay = new JunosTree();
        for (const l of tree.setLines()) replay.set(path(l.slice('set '.length)));
        expect(replay.render()).toEqual(tree.render());
      }),
    );
  });
});
