import { CISCO_MOTD, ciscoClassicDialect } from './ios/cisco-classic';
import type { DeviceView } from './ios/ios-dialect';
import { iosFamilyPersonality } from './ios/ios-family-device';
import { deviceAddress } from './ios/interface-names';
import type { DeviceInit } from './personality';

/**
 * Classic IOS (an IOSv 15.9 router). Quirks worth testing: the MOTD has a blank line and `#`
 * characters; logins with an enable secret land in `R1>`; a bare `configure` asks "Configuring
 * from terminal, memory, or network [terminal]?"; a single unknown word is treated as a host to
 * telnet to ("Translating ..."); ` --More-- ` is wiped with backspaces.
 */
export const ciscoIos = iosFamilyPersonality(
  ciscoClassicDialect({
    platform: 'cisco_ios',
    sshIdent: 'Cisco-1.25',
    hostnamePrefix: 'R',
    version: '15.9(3)M6',
    ifType: 'GigabitEthernet',
    ifNames: () => [0, 1, 2, 3].map((n) => `GigabitEthernet0/${n}`),
    initialConfig,
    showVersion,
  }),
);

function initialConfig(init: DeviceInit): string {
  const mgmt = deviceAddress(init.index);
  const interfaces = [0, 1, 2, 3]
    .map((n) =>
      n === 0
        ? `interface GigabitEthernet0/0\n ip address ${mgmt} 255.255.255.0\n duplex auto\n speed auto\n media-type rj45\n`
        : `interface GigabitEthernet0/${n}\n no ip address\n shutdown\n duplex auto\n speed auto\n media-type rj45\n`,
    )
    .join('');
  return `version 15.9
service timestamps debug datetime msec
service timestamps log datetime msec
no service password-encryption
hostname ${init.hostname}
boot-start-marker
boot-end-marker
no aaa new-model
no ip domain lookup
ip domain name lab.example.net
ip cef
no ipv6 cef
multilink bundle-name authenticated
username ${init.username} privilege 15 secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM
redundancy
${interfaces}ip forward-protocol nd
no ip http server
no ip http secure-server
ip ssh version 2
ip route 0.0.0.0 0.0.0.0 ${deviceAddress(init.index, 254)}
control-plane
banner motd ^C${CISCO_MOTD.join('\n')}^C
line con 0
line aux 0
line vty 0 4
 login local
 transport input ssh
`;
}

function showVersion(view: DeviceView, uptime: string): string {
  const serial = `9${String(100000000 + view.index).slice(1)}`;
  return `Cisco IOS Software, IOSv Software (VIOS-ADVENTERPRISEK9-M), Version 15.9(3)M6, RELEASE SOFTWARE (fc1)
Technical Support: http://www.cisco.com/techsupport
Copyright (c) 1986-2022 by Cisco Systems, Inc.
Compiled Wed 26-Jan-22 23:07 by mcpre


ROM: Bootstrap program is IOSv

${view.hostname()} uptime is ${uptime}
System returned to ROM by reload
System image file is "flash0:/vios-adventerprisek9-m"
Last reload reason: Unknown reason


Cisco IOSv (revision 1.0) with  with 460137K/62464K bytes of memory.
Processor board ID ${serial}
4 Gigabit Ethernet interfaces
DRAM configuration is 72 bits wide with parity disabled.
256K bytes of non-volatile configuration memory.
2097152K bytes of ATA System CompactFlash 0 (Read/Write)

Configuration register is 0x0

`;
}
