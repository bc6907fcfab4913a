import { type Platform } from '@fleetpush/domain';
import { aristaEos } from './arista-eos';
import { ciscoIos } from './cisco-ios';
import { ciscoNxos } from './cisco-nxos';
import { ciscoXe } from './cisco-xe';
import { ciscoXr } from './cisco-xr';
import { frr } from './frr';
import { juniperJunos } from './juniper-junos';
import { linux } from './linux';
import { type PlatformProfile } from './platform-profile';

/** Every platform's profile; the type makes a missing platform a compile error. */
export const PROFILES: Readonly<Record<Platform, PlatformProfile>> = {
  cisco_ios: ciscoIos,
  cisco_xe: ciscoXe,
  cisco_nxos: ciscoNxos,
  cisco_xr: ciscoXr,
  arista_eos: aristaEos,
  juniper_junos: juniperJunos,
  frr,
  linux,
};

/** The profile of a platform. */
export function profileFor(platform: Platform): PlatformProfile {
  return PROFILES[platform];
}
