import type { Platform } from '@fleetpush/domain';
import type { PagerStyle } from '../../cli/cli-personality';
import { type Reply, say } from '../../cli/reply';
import { iosChangeStamp, iosClock, iosUptime } from '../clock-format';
import type { DeviceInit } from '../personality';
import type { IosConfigRules } from './ios-config';
import type { DeviceView, IosDialect, IosErrors, PromptMode } from './ios-dialect';
import { rankBy, renderConfigBody, type RenderStyle } from './ios-render';
import { interfacesOf, maskBits } from './ios-shows';
import { canonicalInterface, canonicalLine, IOS_INTERFACE_TYPES } from './interface-names';

/** IOS's ` --More-- ` and the backspace-space-backspace run that wipes it (9 columns). */
export const IOS_PAGER: PagerStyle = {
  prompt: ' --More-- ',
  erase: `${'\b'.repeat(9)}${' '.repeat(9)}${'\b'.repeat(9)}`,
};

/** IOS and IOS-XE error texts (each followed by a blank line, as the devices print). */
export const IOS_ERRORS: IosErrors = {
  invalid: (_line, col) => `${' '.repeat(col)}^\n% Invalid input detected at '^' marker.\n\n`,
  incomplete: () => '% Incomplete command.\n\n',
  ambiguous: (line) => `% Ambiguous command:  "${line.trim()}"\n`,
  unknownWord: (word) =>
    `Translating "${word}"\n% Unknown command or computer name, or unable to find computer address\n`,
};

/** The prompt of classic IOS-style CLIs: `R1>`, `R1#`, `R1(config-if)#`. */
export function ciscoPrompt(hostname: string, mode: PromptMode): string {
  if (mode.kind === 'user') return `${hostname}>`;
  if (mode.kind === 'priv') return `${hostname}#`;
  return `${hostname}(${mode.suffix})#`;
}

/** Sub-modes shared by IOS, IOS-XE and (with other names) the other IOS-style CLIs. */
export const CISCO_SUBMODES: IosConfigRules['submodes'] = [
  { pattern: /^interface \S+/, mode: 'config-if' },
  { pattern: /^router (bgp|ospf|eigrp|rip|isis)\b/, mode: 'config-router' },
  { pattern: /^address-family \S+/, mode: 'config-router-af', parent: /^router / },
  { pattern: /^line (con|aux|vty)\b/, mode: 'config-line' },
  { pattern: /^ip access-list extended \S+/, mode: 'config-ext-nacl' },
  { pattern: /^ip access-list standard \S+/, mode: 'config-std-nacl' },
  { pattern: /^vlan \d+$/, mode: 'config-vlan' },
  { pattern: /^route-map \S+/, mode: 'config-route-map' },
  { pattern: /^policy-map \S+/, mode: 'config-pmap' },
  { pattern: /^class-map /, mode: 'config-cmap' },
  { pattern: /^vrf definition \S+/, mode: 'config-vrf' },
  { pattern: /^control-plane$/, mode: 'config-cp' },
  { pattern: /^redundancy$/, mode: 'config-red' },
];

/** Lines that leave any sub-mode on IOS-style CLIs (the parser falls back to global config). */
export const CISCO_GLOBAL_ONLY =
  /^(no )?(hostname|interface|router|line|ntp|logging|snmp-server|username|banner|service|vlan|aaa|clock|crypto|boot|enable|access-list|control-plane|redundancy|route-map|license|version|ip (route|domain|domain-name|name-server|access-list|http|ssh|scp|cef|routing|forward-protocol|prefix-list|default-gateway))\b/;

/** Settings that exist once per context: a second line with the same match replaces the first. */
export const CISCO_SINGLETONS: readonly RegExp[] = [
  /^hostname\b/,
  /^description\b/,
  /^ip address(?=\s|$)(?!.*\bsecondary\b)/,
  /^ip domain[ -]name\b/,
  /^(mtu|speed|duplex|bandwidth|encapsulation|exec-timeout|router-id)\b/,
  /^switchport mode\b/,
  /^switchport access vlan\b/,
  /^clock timezone\b/,
  /^ip default-gateway\b/,
  /^snmp-server (location|contact)\b/,
  /^snmp-server community \S+/,
  /^username \S+/,
  /^enable secret\b/,
  /^logging buffered\b/,
  /^transport input\b/,
  /^(ip )?vrf forwarding\b/,
];

/** IOS/IOS-XE config rules. */
export const CISCO_RULES: IosConfigRules = {
  singletons: CISCO_SINGLETONS,
  storedNegations: [
    'ip domain lookup',
    'ip http server',
    'ip http secure-server',
    'service pad',
    'service password-encryption',
    'ip address',
    'aaa new-model',
    'ipv6 cef',
    'cdp run',
    'logging console',
  ],
  submodes: CISCO_SUBMODES,
  globalOnly: CISCO_GLOBAL_ONLY,
  canonical: (line) => canonicalLine(line, IOS_INTERFACE_TYPES),
};

const IOS_SECTIONS: readonly (RegExp | RegExp[])[] = [
  [/^version/, /^service /, /^no service/],
  /^hostname/,
  /^boot/,
  /^(no )?aaa/,
  /^clock/,
  [/^(no )?ip domain/, /^ip (cef|name-server)/, /^(no )?ipv6/],
  /^multilink/,
  /^username/,
  /^redundancy/,
  /^vlan/,
  /^interface/,
  /^router/,
  /^ip forward-protocol/,
  /^(no )?ip http/,
  [/^ip ssh/, /^ip route/],
  /^ip access-list/,
  /^logging/,
  /^access-list/,
  /^snmp-server/,
  /^control-plane/,
  /^banner/,
  /^line/,
  /^ntp/,
];

/** Order of lines inside an interface: description, addressing, shutdown, the rest. */
export const CISCO_CHILD_RANK = rankBy(
  [
    /^description/,
    /^(mtu|bandwidth|vrf|ip vrf)/,
    /^(no )?ipv?6? ?(address|ip )/,
    /^(no )?ip /,
    /^(no )?shutdown/,
  ],
  5,
);

/** IOS/IOS-XE rendering: one-space indent, `!` separators. */
export const CISCO_RENDER: RenderStyle = {
  indent: ' ',
  separator: '!',
  // Lines the simulator has no section for print as their own section before the VLANs.
  rank: rankBy(IOS_SECTIONS, 8.5),
  childRank: CISCO_CHILD_RANK,
};

/** The login banner: a blank line and `#` characters inside, the classic prompt-matching trap. */
export const CISCO_MOTD = [
  '',
  '##############################################################',
  '#  Authorized access only. All activity is logged.           #',
  '##############################################################',
  '',
  '  Disconnect IMMEDIATELY if you are not an authorized user!',
  '',
];

/** The variant-specific data of classic IOS and IOS-XE. */
export interface ClassicVariant {
  readonly platform: Platform;
  readonly sshIdent: string;
  readonly hostnamePrefix: string;
  readonly version: string;
  /** Interface type and count of the default chassis. */
  readonly ifType: string;
  readonly ifNames: (index: number) => string[];
  readonly initialConfig: (init: DeviceInit, interfaces: string) => string;
  readonly showVersion: (view: DeviceView, uptime: string) => string;
}

function showRunning(view: DeviceView, render: RenderStyle): string {
  const body = renderConfigBody(view.config().roots, render);
  const change = view.lastChange();
  const header = change
    ? ['!', `! Last configuration change at ${iosChangeStamp(change.at)} by ${change.by}`, '!']
    : ['!'];
  const text = [...header, ...body, '!', 'end'].join('\n');
  return `Building configuration...\n\nCurrent configuration : ${text.length + 1} bytes\n${text}\n`;
}

/** IOS's size of NVRAM in bytes, printed by `show startup-config`. */
const NVRAM_BYTES = 262_144;

/** `show startup-config`: the saved configuration, with NVRAM usage instead of the build header. */
function showStartup(view: DeviceView, render: RenderStyle): string {
  const text = ['!', ...renderConfigBody(view.startupConfig().roots, render), '!', 'end'].join(
    '\n',
  );
  return `Using ${text.length + 1} out of ${NVRAM_BYTES} bytes\n${text}\n`;
}

function ipInterfaceBrief(view: DeviceView): string {
  const rows = interfacesOf(view).map((i) => {
    const status = i.shutdown ? 'administratively down' : 'up';
    const proto = i.shutdown ? 'down' : 'up';
    return `${i.name.padEnd(23)}${(i.address ?? 'unassigned').padEnd(16)}YES ${(i.address ? 'NVRAM' : 'unset').padEnd(7)}${status.padEnd(22)}${proto}`;
  });
  return `${['Interface              IP-Address      OK? Method Status                Protocol', ...rows].join('\n')}\n`;
}

function ipRoute(view: DeviceView): string {
  const connected = interfacesOf(view).filter((i) => i.address && !i.shutdown);
  const statics = view.config().roots.filter((n) => n.text.startsWith('ip route '));
  const lines = [
    'Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP',
    '       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area ',
    '       * - candidate default, U - per-user static route, o - ODR',
    '',
    statics.some((s) => s.text.startsWith('ip route 0.0.0.0 0.0.0.0'))
      ? 'Gateway of last resort is set'
      : 'Gateway of last resort is not set',
    '',
    ...statics.map((s) => {
      const [, , net, mask, via] = s.text.split(' ');
      return `S*    ${net}/${maskBits(mask)} [1/0] via ${via}`;
    }),
    ...connected.flatMap((i) => [
      `C        ${i.address}/${maskBits(i.mask)} is directly connected, ${i.name}`,
      `L        ${i.address}/32 is directly connected, ${i.name}`,
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

/** IOS ping: `!!!!!`, or `.....` for TEST-NET-1 (192.0.2.0/24), which never answers. */
export function iosPing(target: string): string {
  const lost = target.startsWith('192.0.2.');
  return [
    'Type escape sequence to abort.',
    `Sending 5, 100-byte ICMP Echos to ${target}, timeout is 2 seconds:`,
    lost ? '.....' : '!!!!!',
    lost
      ? 'Success rate is 0 percent (0/5)'
      : 'Success rate is 100 percent (5/5), round-trip min/avg/max = 1/1/2 ms',
    '',
  ].join('\n');
}

/** `copy running-config startup-config` asks for the destination, then saves. */
export function iosCopyRunStart(save: () => void): Reply {
  return {
    output: '',
    ask: {
      prompt: 'Destination filename [startup-config]? ',
      answer: (given) => {
        if (given.trim() !== '' && given.trim() !== 'startup-config') {
          return say(`%Error opening ${given.trim()} (Permission denied)\n`);
        }
        save();
        return say('Building configuration...\n[OK]\n');
      },
    },
  };
}

/** Builds the dialect of classic IOS or IOS-XE from its variant data. */
export function ciscoClassicDialect(v: ClassicVariant): IosDialect {
  return {
    platform: v.platform,
    sshIdent: v.sshIdent,
    hostnamePrefix: v.hostnamePrefix,
    defaultHostname: 'Router',
    rules: CISCO_RULES,
    render: CISCO_RENDER,
    pager: IOS_PAGER,
    hasEnable: true,
    candidate: false,
    showInConfig: false,
    configureBare: 'ask',
    configBanner: 'Enter configuration commands, one per line.  End with CNTL/Z.\n',
    execOnlyInConfig:
      /^(show|ping|write|copy|terminal|configure|reload|traceroute|telnet|enable|disable)\b/,
    incompleteLines: CISCO_INCOMPLETE,
    errors: IOS_ERRORS,
    initialConfig: (init) =>
      v.initialConfig(
        init,
        v
          .ifNames(init.index)
          .map((l) => `${l}\n`)
          .join(''),
      ),
    prompt: ciscoPrompt,
    greeting: () => `${CISCO_MOTD.join('\n')}\n`,
    showRunning: (view) => showRunning(view, CISCO_RENDER),
    showStartup: (view) => showStartup(view, CISCO_RENDER),
    showVersion: (view) =>
      v.showVersion(view, iosUptime(view.now().getTime() - view.bootedAt.getTime())),
    showClock: (view) => `${iosClock(view.now())}\n`,
    showIpInterfaceBrief: ipInterfaceBrief,
    showIpRoute: ipRoute,
    interfaceName: (name) => canonicalInterface(name, IOS_INTERFACE_TYPES),
    ping: iosPing,
    writeMemory: () => 'Building configuration...\n[OK]\n',
    copyRunStart: (_view, save) => iosCopyRunStart(save),
  };
}

/** Config lines that need more words on IOS-style CLIs. */
export const CISCO_INCOMPLETE: ReadonlySet<string> = new Set([
  'interface',
  'hostname',
  'ntp',
  'ntp server',
  'ip',
  'ip address',
  'ip route',
  'logging',
  'logging host',
  'snmp-server',
  'snmp-server community',
  'description',
  'router',
  'router bgp',
  'router ospf',
  'username',
  'vlan',
  'banner',
  'no',
  'ip domain name',
  'ip domain-name',
]);
