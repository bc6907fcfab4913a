import { type Reply } from '../cli/reply';
import { syntax } from '../cli/command-table';
import { dayMonthDate, hms, xrStamp } from './clock-format';
import {
  CISCO_GLOBAL_ONLY,
  CISCO_INCOMPLETE,
  CISCO_SINGLETONS,
  IOS_ERRORS,
  IOS_PAGER,
  iosPing,
} from './ios/cisco-classic';
import { XR_VERSION } from './ios/ios-candidate';
import type { DeviceView, PromptMode } from './ios/ios-dialect';
import { iosFamilyPersonality } from './ios/ios-family-device';
import { rankBy, renderConfigBody, type RenderStyle } from './ios/ios-render';
import { interfacesOf } from './ios/ios-shows';
import { canonicalInterface, canonicalLine, deviceAddress } from './ios/interface-names';
import type { DeviceInit } from './personality';

const XR_TYPES = [
  'GigabitEthernet',
  'TenGigE',
  'HundredGigE',
  'Bundle-Ether',
  'Loopback',
  'MgmtEth',
  'BVI',
];

/** The route-processor location every XR prompt starts with. */
const XR_NODE = 'RP/0/RP0/CPU0';

const XR_RENDER: RenderStyle = {
  indent: ' ',
  separator: '!',
  rank: rankBy(
    [
      /^hostname/,
      /^(logging|domain)/,
      /^username/,
      /^(call-home|ntp|snmp-server)/,
      /^interface/,
      /^router static/,
      /^router/,
      /^ssh/,
    ],
    3.5,
  ),
  childRank: rankBy([/^description/, /^ipv4 address/, /^ipv6/, /^(no )?shutdown/], 4),
};

function xrPrompt(hostname: string, mode: PromptMode): string {
  if (mode.kind === 'config') return `${XR_NODE}:${hostname}(${mode.suffix})#`;
  return `${XR_NODE}:${hostname}#`;
}

/**
 * IOS-XR (an XRv 9000, 7.9). Quirks: the prompt carries the node (`RP/0/RP0/CPU0:R1#`); every
 * show output starts with a timestamp line; config goes to a per-session candidate that only
 * `commit` applies (`commit confirmed <seconds>` rolls back unless confirmed); leaving config
 * mode with uncommitted changes asks "Uncommitted changes found, commit them before
 * exiting(yes/no/cancel)? [cancel]:"; lines with the word `bogus` pass the parser but fail the
 * commit ("% Failed to commit one or more configuration items ...").
 */
export const ciscoXr = iosFamilyPersonality({
  platform: 'cisco_xr',
  sshIdent: 'Cisco-2.0',
  hostnamePrefix: 'XR',
  defaultHostname: 'ios',
  rules: {
    singletons: [...CISCO_SINGLETONS, /^ipv4 address(?=\s|$)(?!.*\bsecondary\b)/],
    storedNegations: [],
    submodes: [
      { pattern: /^interface \S+/, mode: 'config-if' },
      { pattern: /^router bgp\b/, mode: 'config-bgp' },
      { pattern: /^router ospf\b/, mode: 'config-ospf' },
      { pattern: /^router static$/, mode: 'config-static' },
      { pattern: /^address-family \S+/, mode: 'config-static-afi', parent: /^router static/ },
      { pattern: /^line (console|default|template)\b/, mode: 'config-line' },
    ],
    globalOnly: CISCO_GLOBAL_ONLY,
    canonical: (line) => canonicalLine(line, XR_TYPES),
  },
  render: XR_RENDER,
  pager: IOS_PAGER,
  hasEnable: false,
  candidate: true,
  showInConfig: true,
  configureBare: 'enter',
  configBanner: '',
  execOnlyInConfig: /^(reload|write|configure)\b/,
  incompleteLines: CISCO_INCOMPLETE,
  // XR does not try to telnet to an unknown word: it is plain invalid input.
  errors: { ...IOS_ERRORS, unknownWord: undefined },
  missing: ['write-memory', 'copy-run-start'],
  initialConfig,
  prompt: xrPrompt,
  greeting: () => '\n',
  showRunning,
  showVersion,
  showClock: (view) =>
    `${hms(view.now())}.000 UTC ${dayMonthDate(view.now())} ${view.now().getUTCFullYear()}\n`,
  showIpInterfaceBrief,
  showIpRoute: () =>
    '\nCodes: C - connected, S - static, R - RIP, B - BGP, (>) - Diversion path\n\n',
  interfaceName: (name) => canonicalInterface(name, XR_TYPES),
  ping: (target) => iosPing(target),
  stamp: xrStamp,
  extraCommands: [
    {
      syntax: syntax('show-ipv4-brief', 'show ipv4 interface brief'),
      run: (view): Reply => ({
        header: xrStamp(view.now()),
        output: showIpInterfaceBrief(view),
        paged: true,
      }),
    },
  ],
});

function initialConfig(init: DeviceInit): string {
  const gi = [0, 1, 2, 3].map((n) => `interface GigabitEthernet0/0/0/${n}\n shutdown\n`).join('');
  return `hostname ${init.hostname}
logging console informational
domain name lab.example.net
username ${init.username}
 group root-lr
 group cisco-support
 secret 10 $6$2b8Kc0W7m1dR4c0.$N3fYwq6cXxJb0sA7qg3yZl8m0yZr1u2b3c4d5e6f7g8h9i0j1k2l3m4n5o6p7q8r9s0t1u2v3w4x5y6z7
call-home
 service active
 contact smart-licensing
interface MgmtEth0/RP0/CPU0/0
 ipv4 address ${deviceAddress(init.index)} 255.255.255.0
${gi}router static
 address-family ipv4 unicast
  0.0.0.0/0 ${deviceAddress(init.index, 254)}
ssh server v2
ssh server vrf default
`;
}

function showRunning(view: DeviceView): string {
  const body = renderConfigBody(view.config().roots, XR_RENDER);
  const change = view.lastChange();
  const at = change?.at ?? view.bootedAt;
  return [
    'Building configuration...',
    `!! IOS XR Configuration ${XR_VERSION}`,
    `!! Last configuration change at ${dayMonthDate(at)} ${hms(at)} ${at.getUTCFullYear()} by ${change?.by ?? 'SYSTEM'}`,
    '!',
    ...body,
    '!',
    'end',
    '',
  ].join('\n');
}

function showVersion(view: DeviceView): string {
  const minutes = Math.floor((view.now().getTime() - view.bootedAt.getTime()) / 60_000);
  return `Cisco IOS XR Software, Version ${XR_VERSION} LNT
Copyright (c) 2013-2023 by Cisco Systems, Inc.

Build Information:
 Built By     : swtools
 Built On     : Fri Oct 13 19:12:08 UTC 2023
 Build Host   : iox-lnx-064
 Workspace    : /auto/srcarchive15/prod/${XR_VERSION}/xrv9k/ws
 Version      : ${XR_VERSION}
 Label        : ${XR_VERSION}

cisco XRv9K Virtual Router
cisco XRv9K Virtual Router processor with 8GB of memory
${view.hostname()} uptime is ${Math.floor(minutes / 60)} hours, ${minutes % 60} minutes
Cisco XRv9K Virtual Router
`;
}

function showIpInterfaceBrief(view: DeviceView): string {
  const rows = interfacesOf(view).map((i) => {
    const state = i.shutdown ? 'Shutdown' : 'Up';
    const proto = i.shutdown ? 'Down' : 'Up';
    return `${i.name.padEnd(31)}${(i.address ?? 'unassigned').padEnd(16)}${state.padEnd(16)}${proto.padEnd(9)}default`;
  });
  return [
    '',
    'Interface                      IP-Address      Status          Protocol Vrf-Name',
    ...rows,
    '',
  ].join('\n');
}
