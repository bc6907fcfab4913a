import { CISCO_RULES } from './cisco-classic';
import { IosConfig } from './ios-config';

function config(): IosConfig {
  return IosConfig.parse(
    CISCO_RULES,
    'hostname R1\ninterface GigabitEthernet0/1\n no ip address\n shutdown\nntp server 10.0.0.1\n',
  );
}

const texts = (c: IosConfig): string[] =>
  c.roots.flatMap((n) => [n.text, ...n.children.map((k) => ` ${k.text}`)]);

describe('IosConfig', () => {
  it('opens a sub-mode under the canonical interface name and stores lines there', () => {
    const c = config();
    const { next } = c.apply([], 'interface gi0/1');
    expect(next).toEqual([{ text: 'interface GigabitEthernet0/1', typed: 'interface gi0/1' }]);
    c.apply(next, 'description uplink');
    c.apply(next, 'ip address 10.1.1.1 255.255.255.0');
    c.apply(next, 'no shutdown');
    expect(texts(c)).toEqual([
      'hostname R1',
      'interface GigabitEthernet0/1',
      ' ip address 10.1.1.1 255.255.255.0',
      ' description uplink',
      'ntp server 10.0.0.1',
    ]);
  });

  it('replaces singletons, keeps list lines, and removes with no', () => {
    const c = config();
    c.apply([], 'hostname CORE1');
    c.apply([], 'ntp server 10.0.0.2');
    c.apply([], 'no ntp server 10.0.0.1');
    expect(texts(c).filter((t) => !t.startsWith(' ') && !t.startsWith('interface'))).toEqual([
      'hostname CORE1',
      'ntp server 10.0.0.2',
    ]);
  });

  it('leaves a sub-mode for global-only lines, as IOS does', () => {
    const c = config();
    const { next } = c.apply([], 'interface Gi0/1');
    const after = c.apply(next, 'hostname EDGE');
    expect(after.next).toEqual([]);
    expect(after.appliedAt).toEqual([]);
    expect(c.findTop(/^hostname/)?.text).toBe('hostname EDGE');
  });

  it('stores negated defaults and lets the positive form replace them', () => {
    const c = config();
    c.apply([], 'no ip domain lookup');
    expect(c.findTop(/domain lookup/)?.text).toBe('no ip domain lookup');
    c.apply([], 'ip domain lookup');
    expect(c.findTop(/domain lookup/)?.text).toBe('ip domain lookup');
  });

  it('clones deeply', () => {
    const c = config();
    const copy = c.clone();
    copy.apply([], 'hostname OTHER');
    expect(c.findTop(/^hostname/)?.text).toBe('hostname R1');
  });
});
