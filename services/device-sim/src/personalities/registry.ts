import type { Platform } from '@fleetpush/domain';
import { aristaEos } from './arista-eos';
import { ciscoIos } from './cisco-ios';
import { ciscoNxos } from './cisco-nxos';
import { ciscoXe } from './cisco-xe';
import { ciscoXr } from './cisco-xr';
import { frr } from './frr';
import { juniperJunos } from './juniper-junos';
import { linux } from './linux';
import type { Personality } from './personality';

/** Every simulated platform's personality. */
export const PERSONALITIES: Readonly<Record<Platform, Personality>> = {
  cisco_ios: ciscoIos,
  cisco_xe: ciscoXe,
  cisco_nxos: ciscoNxos,
  cisco_xr: ciscoXr,
  arista_eos: aristaEos,
  frr,
  juniper_junos: juniperJunos,
  linux,
};

/** The personality of a platform, or undefined when it is not simulated. */
export function personalityOf(platform: Platform): Personality | undefined {
  return PERSONALITIES[platform];
}
