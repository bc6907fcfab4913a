import type { Platform } from '@fleetpush/domain';
import { ciscoIos } from './cisco-ios';
import type { Personality } from './personality';

/** Every simulated platform's personality. */
export const PERSONALITIES: Readonly<Partial<Record<Platform, Personality>>> = {
  cisco_ios: ciscoIos,
};

/** The personality of a platform, or undefined when it is not simulated. */
export function personalityOf(platform: Platform): Personality | undefined {
  return PERSONALITIES[platform];
}
