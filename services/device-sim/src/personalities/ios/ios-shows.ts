import type { SessionInfo } from '../personality';
import type { ConfigNode } from './ios-config';
import type { DeviceView } from './ios-dialect';

/** What the show commands need to know about one configured interface. */
export interface InterfaceFacts {
  readonly name: string;
  readonly address?: string;
  readonly mask?: string;
  readonly shutdown: boolean;
  readonly description?: string;
}

/** Interfaces in a device's running config, in config order. */
export function interfacesOf(view: DeviceView): InterfaceFacts[] {
  return view
    .config()
    .roots.filter((n) => n.text.startsWith('interface '))
    .map(factsOf);
}

function factsOf(node: ConfigNode): InterfaceFacts {
  const child = (prefix: string): string | undefined =>
    node.children
      .find((c) => c.text.startsWith(prefix))
      ?.text.slice(prefix.length)
      .trim();
  const ip = (child('ip address ') ?? child('ipv4 address '))?.split(/\s+/);
  const name = node.text.slice('interface '.length);
  const shutdown = node.children.some((c) => c.text === 'shutdown');
  const facts: InterfaceFacts = { name, shutdown };
  return {
    ...facts,
    ...(ip?.[0] && !ip[0].includes('/') ? { address: ip[0], mask: ip[1] } : {}),
    ...(ip?.[0]?.includes('/') ? { address: ip[0].split('/')[0], mask: ip[0].split('/')[1] } : {}),
    ...(child('description ') !== undefined ? { description: child('description ') } : {}),
  };
}

/** IOS `show interfaces`, shortened to the lines scripts parse. */
export function showInterfaces(view: DeviceView): string {
  return interfacesOf(view)
    .map((i, n) => {
      const state = i.shutdown ? 'administratively down' : 'up';
      const proto = i.shutdown ? 'down' : 'up';
      const mac = `5254.00${(view.index & 0xff).toString(16).padStart(2, '0')}.${(0x1000 + n).toString(16)}`;
      return [
        `${i.name} is ${state}, line protocol is ${proto} `,
        `  Hardware is iGbE, address is ${mac} (bia ${mac})`,
        ...(i.description ? [`  Description: ${i.description}`] : []),
        ...(i.address ? [`  Internet address is ${i.address}/${maskBits(i.mask)}`] : []),
        '  MTU 1500 bytes, BW 1000000 Kbit/sec, DLY 10 usec, ',
        '     reliability 255/255, txload 1/255, rxload 1/255',
        '  Encapsulation ARPA, loopback not set',
        '  Last input 00:00:00, output 00:00:00, output hang never',
        '  5 minute input rate 0 bits/sec, 0 packets/sec',
        '  5 minute output rate 0 bits/sec, 0 packets/sec',
      ].join('\n');
    })
    .join('\n')
    .concat('\n');
}

/** Prefix length of a dotted mask (or the number itself when given as a length). */
export function maskBits(mask: string | undefined): number {
  if (mask === undefined) return 32;
  if (/^\d+$/.test(mask)) return Number(mask);
  return mask
    .split('.')
    .map((o) => Number(o).toString(2).split('1').length - 1)
    .reduce((a, b) => a + b, 0);
}

/** IOS `show users`. */
export function showUsers(info: SessionInfo): string {
  return [
    '    Line       User       Host(s)              Idle       Location',
    `*866 vty 0     ${info.username.padEnd(10)} idle                 00:00:00 ${info.remoteIp}`,
    '',
    '  Interface    User               Mode         Idle     Peer Address',
    '',
  ].join('\n');
}
