import { hms, dayMonthDate, hmsMillis } from './clock-format';
import {
  CISCO_GLOBAL_ONLY,
  CISCO_INCOMPLETE,
  CISCO_SINGLETONS,
  ciscoPrompt,
} from './ios/cisco-classic';
import type { DeviceView, IosErrors } from './ios/ios-dialect';
import { iosFamilyPersonality } from './ios/ios-family-device';
import { rankBy, renderConfigBody, type RenderStyle } from './ios/ios-render';
import { interfacesOf } from './ios/ios-shows';
import { canonicalInterface, canonicalLine, deviceAddress } from './ios/interface-names';
import type { DeviceInit } from './personality';
import { bsdPing } from './ping-output';

const NXOS_TYPES = ['Ethernet', 'loopback', 'mgmt', 'Vlan', 'port-channel', 'nve', 'Tunnel'];

const caret = (col: number): string => `${' '.repeat(col)}^\n`;

/** NX-OS errors: the caret line, then the message naming the marker. */
const NXOS_ERRORS: IosErrors = {
  invalid: (_l, col) => `${caret(col)}% Invalid command at '^' marker.\n`,
  incomplete: (_l, col) => `${caret(col)}% Incomplete command at '^' marker.\n`,
  ambiguous: (_l, _t, col) => `${caret(col)}% Ambiguous command at '^' marker.\n`,
};

const NXOS_RENDER: RenderStyle = {
  indent: '  ',
  separator: '',
  rank: rankBy(
    [
      /^version/,
      /^hostname/,
      /^vdc/,
      /^feature/,
      /^(no )?password/,
      /^username/,
      /^(no )?ip domain/,
      /^copp/,
      /^snmp-server/,
      /^(ip route|vrf context)/,
      /^vlan/,
      /^interface/,
      /^line/,
      /^boot/,
      /^logging/,
      /^ntp/,
    ],
    3.5,
  ),
  childRank: rankBy(
    [/^description/, /^(no )?switchport/, /^(vrf member|ip )/, /^(no )?shutdown/],
    4,
  ),
};

/** The copyright greeting NX-OS prints before the first prompt. */
const NXOS_GREETING = `
Cisco NX-OS Software
Copyright (c) 2002-2023, Cisco Systems, Inc. All rights reserved.
Nexus 9000v software ("Nexus 9000v Software") and related documentation,
files or other reference materials ("Documentation") are
the proprietary property and confidential information of Cisco
Systems, Inc. ("Cisco") and are protected, without limitation,
pursuant to United States and International copyright and trademark
laws in the applicable jurisdiction which provides civil and criminal
penalties for copying or distribution without Cisco's authorization.
`;

/**
 * NX-OS (a Nexus 9000v, 10.3). Quirks: a long copyright greeting before the prompt; no enable
 * mode and no `write memory`; `copy running-config startup-config` prints a progress bar; the
 * running config indents by two spaces and shows `no shutdown` explicitly; errors name the
 * marker ("% Invalid command at '^' marker.").
 */
export const ciscoNxos = iosFamilyPersonality({
  platform: 'cisco_nxos',
  sshIdent: 'OpenSSH_8.3',
  hostnamePrefix: 'switch',
  defaultHostname: 'switch',
  rules: {
    singletons: CISCO_SINGLETONS,
    storedNegations: ['shutdown', 'switchport', 'ip domain-lookup'],
    submodes: [
      { pattern: /^interface \S+/, mode: 'config-if' },
      { pattern: /^router (bgp|ospf|eigrp|isis)\b/, mode: 'config-router' },
      { pattern: /^address-family \S+/, mode: 'config-router-af', parent: /^router / },
      { pattern: /^vlan \d+$/, mode: 'config-vlan' },
      { pattern: /^vrf context \S+/, mode: 'config-vrf' },
      { pattern: /^line (console|vty)$/, mode: 'config-line' },
    ],
    globalOnly: CISCO_GLOBAL_ONLY,
    canonical: (line) => canonicalLine(line, NXOS_TYPES),
  },
  render: NXOS_RENDER,
  pager: { prompt: ' --More-- ', erase: `\r${' '.repeat(10)}\r` },
  hasEnable: false,
  candidate: false,
  showInConfig: true,
  configureBare: 'enter',
  configBanner: 'Enter configuration commands, one per line. End with CNTL/Z.\n',
  execOnlyInConfig: /^(configure|reload)\b/,
  incompleteLines: CISCO_INCOMPLETE,
  errors: NXOS_ERRORS,
  missing: ['write-memory'],
  initialConfig,
  prompt: ciscoPrompt,
  greeting: () => NXOS_GREETING,
  showRunning,
  showVersion,
  showClock: (view) =>
    `${hmsMillis(view.now())} UTC ${dayMonthDate(view.now())} ${view.now().getUTCFullYear()}\nTime source is Hardware Calendar\n`,
  showIpInterfaceBrief,
  showIpRoute: () => 'IP Route Table for VRF "default"\n\'*\' denotes best ucast next-hop\n\n',
  interfaceName: (name) => canonicalInterface(name, NXOS_TYPES),
  ping: (target) => bsdPing(target),
  copyRunStart: (_view, save) => {
    save();
    return {
      output:
        '[########################################] 100%\nCopy complete, now saving to disk (please wait)...\nCopy complete.\n',
    };
  },
});

function initialConfig(init: DeviceInit): string {
  const ethernet = [1, 2, 3, 4]
    .map((n) => `interface Ethernet1/${n}\n  ${n === 1 ? 'no shutdown' : 'shutdown'}\n`)
    .join('');
  return `version 10.3(4a) Bios:version
hostname ${init.hostname}
vdc ${init.hostname} id 1
  limit-resource vlan minimum 16 maximum 4094
  limit-resource vrf minimum 2 maximum 4096
feature lldp
no password strength-check
username ${init.username} password 5 $5$KHAMLD$2rVhYSQGmWiXmUdoXGNu0pXNzYJRTiOr1HOvYKaqsG4  role network-admin
no ip domain-lookup
copp profile strict
snmp-server user ${init.username} network-admin auth md5 0x1f7b6f2d5c0e8c1c priv 0x1f7b6f2d5c0e8c1c localizedkey
vrf context management
  ip route 0.0.0.0/0 ${deviceAddress(init.index, 254)}
${ethernet}interface mgmt0
  vrf member management
  ip address ${deviceAddress(init.index)}/24
line console
line vty
boot nxos bootflash:/nxos64-cs.10.3.4a.M.bin
`;
}

function nxosDate(d: Date): string {
  return `${dayMonthDate(d)} ${hms(d)} ${d.getUTCFullYear()}`;
}

function showRunning(view: DeviceView): string {
  const change = view.lastChange()?.at ?? view.bootedAt;
  const body = renderConfigBody(view.config().roots, NXOS_RENDER);
  return [
    '',
    '!Command: show running-config',
    `!Running configuration last done at: ${nxosDate(change)}`,
    `!Time: ${nxosDate(view.now())}`,
    '',
    ...body,
    '',
    '',
  ].join('\n');
}

function showVersion(view: DeviceView): string {
  const up = Math.floor((view.now().getTime() - view.bootedAt.getTime()) / 1000);
  const d = Math.floor(up / 86400);
  const h = Math.floor(up / 3600) % 24;
  const m = Math.floor(up / 60) % 60;
  return `Cisco Nexus Operating System (NX-OS) Software
TAC support: http://www.cisco.com/tac
Copyright (C) 2002-2023, Cisco and/or its affiliates.
All rights reserved.

Nexus 9000v is a demo version of the Nexus Operating System

Software
  BIOS: version
  NXOS: version 10.3(4a) [Maintenance Release]
  NXOS image file is: bootflash:///nxos64-cs.10.3.4a.M.bin
  NXOS compile time:  8/10/2023 12:00:00 [08/16/2023 02:25:38]

Hardware
  cisco Nexus9000 C9300v Chassis
  Intel(R) Xeon(R) CPU E5-2699 v4 @ 2.20GHz with 8159088 kB of memory.
  Processor Board ID 9N3K${String(100000 + view.index).slice(1)}

  Device name: ${view.hostname()}
  bootflash:    4287040 kB

Kernel uptime is ${d} day(s), ${h} hour(s), ${m} minute(s), ${up % 60} second(s)

Last reset
  Reason: Unknown
  System version:
  Service:

plugin
  Core Plugin, Ethernet Plugin

Active Package(s):

`;
}

function showIpInterfaceBrief(view: DeviceView): string {
  const rows = interfacesOf(view)
    .filter((i) => i.address && i.name !== 'mgmt0')
    .map((i) => {
      const short = i.name.replace(/^Ethernet/, 'Eth').replace(/^loopback/, 'Lo');
      const status = i.shutdown
        ? 'protocol-down/link-down/admin-down'
        : 'protocol-up/link-up/admin-up';
      return `${short.padEnd(21)}${(i.address ?? '').padEnd(16)}${status}`;
    });
  return [
    'IP Interface Status for VRF "default"(1)',
    'Interface            IP Address      Interface Status',
    ...rows,
    '',
  ].join('\n');
}
