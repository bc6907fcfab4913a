import { ciscoIos } from './cisco-ios';
import { type PlatformProfile } from './platform-profile';

/**
 * Cisco IOS-XE: IOS prompts, modes, paging and errors (the profile is IOS's); it saves with
 * `copy running-config startup-config` and greets differently.
 */
export const ciscoXe: PlatformProfile = {
  ...ciscoIos,
  platform: 'cisco_xe',
  save: { ...ciscoIos.save!, command: 'copy running-config startup-config' },
  quirks: [
    '`copy running-config startup-config` asks `Destination filename [startup-config]?`.',
    'Syslog lines (`*Mar  1 00:00:01: %SYS-5-CONFIG_I: …`) may interleave with responses.',
    'The login greeting may arrive in several reads before the prompt.',
  ],
};
