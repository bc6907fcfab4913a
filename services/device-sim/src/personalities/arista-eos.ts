import { dayMonthDate, hms } from './clock-format';
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
import { linuxPing } from './ping-output';

const EOS_TYPES = ['Ethernet', 'Management', 'Loopback', 'Vlan', 'Port-Channel', 'Vxlan', 'Tunnel'];

/** EOS prints short messages without a caret line. */
const EOS_ERRORS: IosErrors = {
  invalid: () => '% Invalid input\n',
  incomplete: () => '% Incomplete command\n',
  ambiguous: () => '% Ambiguous command\n',
};

const EOS_RENDER: RenderStyle = {
  indent: '   ',
  separator: '!',
  rank: rankBy(
    [
      /^(no )?aaa/,
      /^username/,
      /^transceiver/,
      /^service routing/,
      /^hostname/,
      /^(no )?ip domain/,
      /^snmp-server/,
      /^spanning-tree/,
      /^vlan/,
      /^interface/,
      /^(no )?ip routing/,
      /^ip route/,
      /^logging/,
      /^ntp/,
      /^management/,
    ],
    6.5,
  ),
  childRank: rankBy([/^description/, /^(mtu|no switchport)/, /^ip /, /^(no )?shutdown/], 4),
};

/** `config-if-Et1`: EOS names the interface in the sub-mode prompt. */
function interfaceMode(text: string): string {
  const name = text.slice('interface '.length);
  const m = /^([A-Za-z-]+)(.*)$/.exec(name);
  return `config-if-${(m?.[1] ?? '').slice(0, 2)}${m?.[2] ?? ''}`;
}

/**
 * Arista EOS (vEOS-lab 4.31). Quirks: the interface sub-mode prompt names the interface
 * (`R1(config-if-Et1)#`); errors are one short line with no caret (`% Invalid input`); a
 * "Last login" greeting precedes the prompt; config indents by three spaces.
 */
export const aristaEos = iosFamilyPersonality({
  platform: 'arista_eos',
  sshIdent: 'OpenSSH_8.7',
  hostnamePrefix: 'EOS',
  defaultHostname: 'localhost',
  rules: {
    singletons: CISCO_SINGLETONS,
    storedNegations: ['aaa root', 'ip routing', 'switchport'],
    submodes: [
      { pattern: /^interface \S+/, mode: interfaceMode },
      { pattern: /^router bgp\b/, mode: 'config-router-bgp' },
      { pattern: /^router ospf\b/, mode: 'config-router-ospf' },
      { pattern: /^vlan \d+$/, mode: (t) => `config-vlan-${t.split(' ')[1] ?? ''}` },
      { pattern: /^management \S+/, mode: 'config-mgmt' },
      { pattern: /^ip access-list \S+/, mode: 'config-acl' },
    ],
    globalOnly: CISCO_GLOBAL_ONLY,
    canonical: (line) => canonicalLine(line, EOS_TYPES),
  },
  render: EOS_RENDER,
  pager: { prompt: ' --More-- ', erase: `\r${' '.repeat(10)}\r` },
  hasEnable: true,
  enableDenied: '% Access denied\n',
  candidate: false,
  showInConfig: true,
  configureBare: 'enter',
  configBanner: '',
  execOnlyInConfig: /^(reload)\b/,
  incompleteLines: CISCO_INCOMPLETE,
  errors: EOS_ERRORS,
  initialConfig,
  prompt: ciscoPrompt,
  greeting: (view, info) =>
    `Last login: ${dayMonthDate(view.bootedAt)} ${hms(view.bootedAt)} ${view.bootedAt.getUTCFullYear()} from ${info.remoteIp}\n`,
  showRunning,
  showVersion,
  showClock: (view) =>
    `${dayMonthDate(view.now())} ${view.now().getUTCFullYear()} ${hms(view.now())}\nTimezone: UTC\nClock source: local\n`,
  showIpInterfaceBrief,
  showIpRoute: () =>
    'VRF: default\nCodes: C - connected, S - static, K - kernel,\n       O - OSPF, B - BGP\n\nGateway of last resort is not set\n\n',
  interfaceName: (name) => canonicalInterface(name, EOS_TYPES),
  ping: (target) => linuxPing(target),
  writeMemory: () => 'Copy completed successfully.\n',
  copyRunStart: (_view, save) => {
    save();
    return { output: 'Copy completed successfully.\n' };
  },
});

function initialConfig(init: DeviceInit): string {
  const eth = [1, 2, 3, 4].map((n) => `interface Ethernet${n}\n`).join('');
  return `no aaa root
username ${init.username} privilege 15 role network-admin secret sha512 $6$Kq3gYNqH0GZ1q2Yq$Sj1Bo0W2XhG3r9ZbZ0Zc2wZsZ8hF1uS2kq5a5QYw8m8N7KJ4yM9xQ0y3J6o6fDkV0
transceiver qsfp default-mode 4x10G
service routing protocols model multi-agent
hostname ${init.hostname}
spanning-tree mode mstp
${eth}interface Management1
   ip address ${deviceAddress(init.index)}/24
no ip routing
ip route 0.0.0.0/0 ${deviceAddress(init.index, 254)}
management api http-commands
   no shutdown
`;
}

function showRunning(view: DeviceView): string {
  const body = renderConfigBody(view.config().roots, EOS_RENDER);
  return [
    '! Command: show running-config',
    `! device: ${view.hostname()} (vEOS-lab, EOS-4.31.2F)`,
    '!',
    '! boot system flash:/vEOS-lab.swi',
    '!',
    ...body,
    '!',
    'end',
    '',
  ].join('\n');
}

function showVersion(view: DeviceView): string {
  const mac = `5254.00${(view.index & 0xff).toString(16).padStart(2, '0')}.0001`;
  const minutes = Math.floor((view.now().getTime() - view.bootedAt.getTime()) / 60_000);
  return `Arista vEOS-lab
Hardware version:
Serial number: SN-VEOS-${view.index + 1}
Hardware MAC address: ${mac}
System MAC address: ${mac}

Software image version: 4.31.2F
Architecture: x86_64
Internal build version: 4.31.2F-35442176.4312F
Internal build ID: 2ac56e8a-0b8d-4a1e-9d2e-6b9b1e8f7c3a
Image format version: 1.0
Image optimization: None

Uptime: ${Math.floor(minutes / 60)} hours and ${minutes % 60} minutes
Total memory: 3982548 kB
Free memory: 2406136 kB

`;
}

function showIpInterfaceBrief(view: DeviceView): string {
  const rows = interfacesOf(view)
    .filter((i) => i.address)
    .map((i) => {
      const up = i.shutdown ? 'adminDown' : 'up';
      return `${i.name.padEnd(18)}${`${i.address}/${i.mask}`.padEnd(22)}${up.padEnd(13)}${(i.shutdown ? 'down' : 'up').padEnd(18)}1500`;
    });
  return [
    '                                                                              Address',
    'Interface         IP Address            Status       Protocol           MTU    Owner',
    '----------------- --------------------- ------------ -------------- ---------- -------',
    ...rows,
    '',
  ].join('\n');
}
