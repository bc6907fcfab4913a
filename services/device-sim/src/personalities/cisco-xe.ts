import { ciscoClassicDialect } from './ios/cisco-classic';
import type { DeviceView } from './ios/ios-dialect';
import { iosFamilyPersonality } from './ios/ios-family-device';
import { deviceAddress } from './ios/interface-names';
import type { DeviceInit } from './personality';

/** IOS-XE's `banner login`, sent before authentication as an SSH userauth banner. */
const XE_LOGIN_BANNER =
  'WARNING: This system is for the use of authorized clients only.\r\n' +
  'Individuals using the computer network system without authorization\r\n' +
  'are subject to having all their activities monitored and recorded.\r\n';

/**
 * IOS-XE (a Catalyst 8000v, 17.9). Same CLI as IOS with XE's interface numbering
 * (GigabitEthernet1..4) and version text. Quirk: the login banner arrives before authentication
 * (an SSH userauth banner, which a driver must not mistake for shell output), then the MOTD.
 */
export const ciscoXe = iosFamilyPersonality({
  ...ciscoClassicDialect({
    platform: 'cisco_xe',
    sshIdent: 'Cisco-1.25',
    hostnamePrefix: 'XE',
    version: '17.9.4a',
    ifType: 'GigabitEthernet',
    ifNames: () => [1, 2, 3, 4].map((n) => `GigabitEthernet${n}`),
    initialConfig,
    showVersion,
  }),
  preAuthBanner: XE_LOGIN_BANNER,
});

function initialConfig(init: DeviceInit): string {
  const interfaces = [1, 2, 3, 4]
    .map((n) =>
      n === 1
        ? `interface GigabitEthernet1\n ip address ${deviceAddress(init.index)} 255.255.255.0\n negotiation auto\n`
        : `interface GigabitEthernet${n}\n no ip address\n shutdown\n negotiation auto\n`,
    )
    .join('');
  return `version 17.9
service timestamps debug datetime msec
service timestamps log datetime msec
service call-home
platform qfp utilization monitor load 80
platform punt-keepalive disable-kernel-core
platform console serial
hostname ${init.hostname}
boot-start-marker
boot-end-marker
vrf definition Mgmt-intf
 address-family ipv4
 exit-address-family
no aaa new-model
no ip domain lookup
ip domain name lab.example.net
login on-success log
subscriber templating
multilink bundle-name authenticated
license udi pid C8000V sn 9${String(1000000000 + init.index).slice(1)}
memory free low-watermark processor 63709
diagnostic bootup level minimal
username ${init.username} privilege 15 secret 9 $9$3VEKp9RXMrqbe.$2wG8jHnBU2Lr1PqMDwdZ2wVzJCgEy9Ax3CM6HSzBl4I
redundancy
${interfaces}ip forward-protocol nd
no ip http server
no ip http secure-server
ip ssh version 2
ip route 0.0.0.0 0.0.0.0 ${deviceAddress(init.index, 254)}
control-plane
line con 0
 stopbits 1
line aux 0
line vty 0 4
 login local
 transport input ssh
`;
}

function showVersion(view: DeviceView, uptime: string): string {
  return `Cisco IOS XE Software, Version 17.09.04a
Cisco IOS Software [Cupertino], Virtual XE Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 17.9.4a, RELEASE SOFTWARE (fc3)
Technical Support: http://www.cisco.com/techsupport
Copyright (c) 1986-2023 by Cisco Systems, Inc.
Compiled Fri 20-Oct-23 10:44 by mcpre


Cisco IOS-XE software, Copyright (c) 2005-2023 by cisco Systems, Inc.
All rights reserved.  Certain components of Cisco IOS-XE software are
licensed under the GNU General Public License ("GPL") Version 2.0.


ROM: IOS-XE ROMMON

${view.hostname()} uptime is ${uptime}
Uptime for this control processor is ${uptime}
System returned to ROM by reload
System image file is "bootflash:packages.conf"
Last reload reason: reload



This product contains cryptographic features and is subject to United
States and local country laws governing import, export, transfer and
use.

License Level: network-advantage
License Type: Perpetual
Next reload license Level: network-advantage

Smart Licensing Status: Registration Not Applicable/Not Applicable

cisco C8000V (VXE) processor (revision VXE) with 1987991K/3075K bytes of memory.
Processor board ID 9${String(1000000000 + view.index).slice(1)}
Router operating mode: Autonomous
4 Gigabit Ethernet interfaces
32768K bytes of non-volatile configuration memory.
3965196K bytes of physical memory.
11526144K bytes of virtual hard disk at bootflash:.

Configuration register is 0x2102

`;
}
