import { ciscoIos } from './cisco-ios';
import { type PlatformProfile } from './platform-profile';

/**
 * Arista EOS: IOS's modes, paging, enable, errors and `write memory` (the profile is IOS's),
 * with prompts that may carry two groups in config sessions: `leaf1(s1)(config-s-s1)#`.
 */
export const aristaEos: PlatformProfile = {
  ...ciscoIos,
  platform: 'arista_eos',
  prompt: {
    learn: /^(?<pre>)(?<host>[A-Za-z0-9][\w.\-/:]{0,62})(?<mode>(?:\([\w.\-/:]*\)){0,2}[>#]) ?$/,
    modeSuffix: String.raw`(?:\([\w.\-/:]*\)){0,2}[>#] ?`,
    configMode: /\((?:config|cfg)[^)]*\)#/,
    unprivilegedMode: /^>/,
    preamble: [],
  },
  quirks: [
    'Config sessions show two parenthesised groups: `leaf1(s1)(config-s-s1)#`.',
    '`% Unavailable command (not supported on this hardware platform)` is a rejection.',
    'Show commands run from config mode without `do`.',
    'EOS accepts up to 32767 columns; `terminal width 511` matches the PTY.',
  ],
};
