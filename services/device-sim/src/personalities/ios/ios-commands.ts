import { type CommandSyntax, syntax, tokenize } from '../../cli/command-table';

/** EXEC commands every IOS-style personality knows. */
export const IOS_EXEC = [
  syntax('enable', 'enable'),
  syntax('enable', 'enable <arg>'),
  syntax('disable', 'disable'),
  syntax('exit', 'exit'),
  syntax('exit', 'logout'),
  syntax('exit', 'quit'),
  syntax('terminal-length', 'terminal length <arg>'),
  syntax('terminal-width', 'terminal width <arg>'),
  syntax('terminal-other', 'terminal monitor'),
  syntax('terminal-other', 'terminal paginate'),
  syntax('terminal-other', 'terminal no <rest>'),
  syntax('terminal-other', 'terminal exec <rest>'),
  syntax('show-run', 'show running-config <rest>'),
  syntax('show-startup', 'show startup-config'),
  syntax('show-version', 'show version'),
  syntax('show-clock', 'show clock'),
  syntax('show-ip-int-brief', 'show ip interface brief'),
  syntax('show-interfaces', 'show interfaces <rest>'),
  syntax('show-ip-route', 'show ip route <rest>'),
  syntax('show-users', 'show users'),
  syntax('show-privilege', 'show privilege'),
  syntax('configure', 'configure'),
  syntax('configure-terminal', 'configure terminal'),
  syntax('write-memory', 'write memory'),
  syntax('write-memory', 'write'),
  syntax('copy-run-start', 'copy running-config startup-config'),
  syntax('ping', 'ping <arg> <rest>'),
  syntax('connect', 'telnet <arg> <rest>'),
  syntax('connect', 'ssh <arg> <rest>'),
  syntax('connect', 'traceroute <arg> <rest>'),
  syntax('connect', 'connect <arg> <rest>'),
  syntax('clear', 'clear <arg> <rest>'),
  syntax('setup', 'setup'),
] as const satisfies readonly CommandSyntax[];

/** Ids of {@link IOS_EXEC} commands. */
export type IosExecId = (typeof IOS_EXEC)[number]['id'];

/** Known config keywords by position, for prefix expansion (`int` → `interface`). */
const CONFIG_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  '': [
    'interface',
    'description',
    'shutdown',
    'hostname',
    'ip',
    'ipv6',
    'ntp',
    'logging',
    'snmp-server',
    'router',
    'line',
    'username',
    'banner',
    'service',
    'vlan',
    'switchport',
    'speed',
    'duplex',
    'mtu',
    'no',
    'exit',
    'end',
    'do',
    'neighbor',
    'network',
    'address-family',
    'access-list',
    'spanning-tree',
    'channel-group',
    'encapsulation',
    'bandwidth',
    'transport',
    'login',
    'password',
    'enable',
    'aaa',
    'clock',
    'crypto',
    'boot',
    'route-map',
    'default',
    'exec-timeout',
    'router-id',
    'redistribute',
    'version',
    'vrf',
    'lldp',
    'cdp',
    'show',
  ],
  ip: [
    'address',
    'route',
    'domain',
    'domain-name',
    'name-server',
    'access-list',
    'http',
    'ssh',
    'helper-address',
    'ospf',
    'vrf',
    'routing',
    'cef',
    'prefix-list',
    'forward-protocol',
    'scp',
    'default-gateway',
    'pim',
    'nat',
    'dhcp',
    'redirects',
    'proxy-arp',
    'mtu',
    'tcp',
  ],
  ntp: ['server', 'peer', 'source', 'authenticate', 'authentication-key', 'trusted-key', 'master'],
  logging: ['host', 'buffered', 'console', 'monitor', 'trap', 'source-interface', 'facility'],
  'snmp-server': ['community', 'location', 'contact', 'host', 'enable', 'user', 'group', 'view'],
};

/** The result of expanding abbreviated config keywords. */
export type Expansion =
  | { readonly kind: 'ok'; readonly line: string }
  | { readonly kind: 'ambiguous'; readonly token: string; readonly column: number };

function expandWord(word: string, known: readonly string[]): string | string[] {
  const lower = word.toLowerCase();
  if (known.includes(lower)) return lower;
  const hits = known.filter((k) => k.startsWith(lower));
  if (hits.length === 1) return hits[0] ?? word;
  return hits.length > 1 ? hits : word;
}

/**
 * Expands abbreviated leading keywords of a config line (`int gi0/1`, `no shut`, `ip add ...`,
 * `ntp serv ...`) as IOS-style parsers do; words that prefix several keywords are ambiguous;
 * unknown words are left alone (the generic rule accepts any plausible line).
 */
export function expandConfigKeywords(line: string): Expansion {
  const tokens = tokenize(line);
  const words = tokens.map((t) => t.text);
  let start = 0;
  if (words[0]?.toLowerCase() === 'no') start = 1;
  for (let i = start, parent = ''; i < Math.min(words.length, start + 2); i += 1) {
    const known = CONFIG_KEYWORDS[parent];
    if (!known) break;
    const expanded = expandWord(words[i] ?? '', known);
    if (Array.isArray(expanded)) {
      const token = tokens[i];
      return { kind: 'ambiguous', token: token?.text ?? '', column: token?.column ?? 0 };
    }
    words[i] = expanded;
    parent = expanded;
  }
  return { kind: 'ok', line: words.join(' ') };
}

/** Words that make a line invalid on every platform (so tests can provoke errors on purpose). */
export const INVALID_WORD = /^(invalid|bogus)$/i;
