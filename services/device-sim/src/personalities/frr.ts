import { syntax } from '../cli/command-table';
import {
  CISCO_GLOBAL_ONLY,
  CISCO_INCOMPLETE,
  CISCO_SINGLETONS,
  IOS_PAGER,
  ciscoPrompt,
} from './ios/cisco-classic';
import type { DeviceView, IosErrors } from './ios/ios-dialect';
import { iosFamilyPersonality } from './ios/ios-family-device';
import { rankBy, renderConfigBody, type RenderStyle } from './ios/ios-render';
import { interfacesOf } from './ios/ios-shows';
import { deviceAddress } from './ios/interface-names';
import type { DeviceInit } from './personality';
import { linuxPing } from './ping-output';

/** FRR's version, as vtysh greets with it. */
const FRR_VERSION = '8.4.4';

/** vtysh names the whole line it could not parse; no caret. */
const FRR_ERRORS: IosErrors = {
  invalid: (line) => `% Unknown command: ${line.trim()}\n`,
  incomplete: (line) => `% Command incomplete: ${line.trim()}\n`,
  ambiguous: (line) => `% Ambiguous command: ${line.trim()}\n`,
};

const FRR_RENDER: RenderStyle = {
  indent: ' ',
  separator: '!',
  rank: rankBy(
    [
      [/^frr /, /^hostname/, /^log /, /^(no )?ipv6 forwarding/, /^service /],
      /^ip route/,
      /^interface/,
      /^router/,
      /^line/,
    ],
    0.5,
  ),
  childRank: rankBy([/^description/, /^ip address/], 2),
  blockEnd: 'exit',
};

/**
 * FRRouting's vtysh (8.4). Quirks: a "Hello, this is FRRouting" greeting and a blank line before
 * the prompt; vtysh starts privileged and does not page unless `terminal paginate` is on, so
 * `terminal length 0` is accepted but changes nothing; errors name the whole command
 * (`% Unknown command: show foo`); blocks in the running config end with `exit`; `write memory`
 * reports the integrated config file it wrote. Interface names are Linux names (eth0, lo).
 */
export const frr = iosFamilyPersonality({
  platform: 'frr',
  sshIdent: 'OpenSSH_8.9p1 Ubuntu-3ubuntu0.6',
  hostnamePrefix: 'frr',
  defaultHostname: 'frr',
  rules: {
    singletons: CISCO_SINGLETONS,
    storedNegations: ['ipv6 forwarding', 'ip forwarding'],
    submodes: [
      { pattern: /^interface \S+/, mode: 'config-if' },
      { pattern: /^router (bgp|ospf|ospf6|isis|rip)\b/, mode: 'config-router' },
      { pattern: /^address-family \S+/, mode: 'config-router-af', parent: /^router / },
      { pattern: /^route-map \S+/, mode: 'config-route-map' },
    ],
    globalOnly: CISCO_GLOBAL_ONLY,
    canonical: (line) => line.trim().replace(/\s+/g, ' '),
  },
  render: FRR_RENDER,
  pager: IOS_PAGER,
  defaultPageLength: 0,
  hasEnable: false,
  candidate: false,
  showInConfig: true,
  configureBare: 'enter',
  configBanner: '',
  execOnlyInConfig: /^(reload)\b/,
  incompleteLines: CISCO_INCOMPLETE,
  errors: FRR_ERRORS,
  missing: ['show-clock', 'show-users', 'connect', 'setup'],
  extraCommands: [
    {
      syntax: syntax('show-interface-brief', 'show interface brief'),
      run: (view) => ({ output: showIpInterfaceBrief(view), paged: true }),
    },
  ],
  initialConfig,
  prompt: ciscoPrompt,
  greeting: () =>
    `\nHello, this is FRRouting (version ${FRR_VERSION}).\nCopyright 1996-2005 Kunihiro Ishiguro, et al.\n\n`,
  showRunning,
  showVersion: (view) =>
    `FRRouting ${FRR_VERSION} (${view.hostname()}) on Linux(5.15.0-91-generic).\nCopyright 1996-2005 Kunihiro Ishiguro, et al.\nconfigured with:\n    '--build=x86_64-linux-gnu' '--prefix=/usr' '--sysconfdir=/etc' '--localstatedir=/var' '--enable-vtysh' '--enable-multipath=64'\n`,
  showClock: () => '',
  showIpInterfaceBrief,
  showIpRoute: () =>
    'Codes: K - kernel route, C - connected, S - static, R - RIP,\n       O - OSPF, I - IS-IS, B - BGP, E - EIGRP, N - NHRP,\n       > - selected route, * - FIB route\n\n',
  interfaceName: (name) => name,
  ping: (target) => linuxPing(target),
  writeMemory: () =>
    'Note: this version of vtysh never writes vtysh.conf\nBuilding Configuration...\nIntegrated configuration saved to /etc/frr/frr.conf\n[OK]\n',
  copyRunStart: (_view, save) => {
    save();
    return {
      output:
        'Note: this version of vtysh never writes vtysh.conf\nBuilding Configuration...\nIntegrated configuration saved to /etc/frr/frr.conf\n[OK]\n',
    };
  },
});

function initialConfig(init: DeviceInit): string {
  return `frr version ${FRR_VERSION}
frr defaults traditional
hostname ${init.hostname}
log syslog informational
no ipv6 forwarding
service integrated-vtysh-config
ip route 0.0.0.0/0 ${deviceAddress(init.index, 254)}
interface eth0
 ip address ${deviceAddress(init.index)}/24
interface eth1
interface lo
`;
}

function showRunning(view: DeviceView): string {
  const body = renderConfigBody(view.config().roots, FRR_RENDER);
  return [
    'Building configuration...',
    '',
    'Current configuration:',
    '!',
    ...body,
    '!',
    'end',
    '',
  ].join('\n');
}

function showIpInterfaceBrief(view: DeviceView): string {
  const rows = interfacesOf(view).map(
    (i) =>
      `${i.name.padEnd(16)}${(i.shutdown ? 'down' : 'up').padEnd(8)}${'default'.padEnd(16)}${i.address ? `${i.address}/${i.mask}` : ''}`,
  );
  return [
    'Interface       Status  VRF             Addresses',
    '---------       ------  ---             ---------',
    ...rows,
    '',
  ].join('\n');
}
