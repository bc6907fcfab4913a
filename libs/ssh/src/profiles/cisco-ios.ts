import {
  ACCEPT_CONFIRM,
  ACCEPT_DESTINATION,
  CISCO_SAVE_ERRORS,
  CISCO_STYLE_ERRORS,
  DECLINE_CONFIRM,
  DECLINE_YES_NO,
} from './common';
import { type PlatformProfile } from './platform-profile';

/** Cisco IOS (classic): `R1>` / `R1#` / `R1(config-if)#`, enable secret, `write memory`. */
export const ciscoIos: PlatformProfile = {
  platform: 'cisco_ios',
  prompt: {
    learn: /^(?<pre>)(?<host>[A-Za-z0-9][\w.\-/:]{0,62})(?<mode>(?:\([\w.\-/:]*\))?[>#]) ?$/,
    modeSuffix: String.raw`(?:\([\w.\-/:]*\))?[>#] ?`,
    configMode: /^\((?!tcl\))[^)]*\)#/,
    unprivilegedMode: /^>/,
    preamble: [],
  },
  // 511 columns matches the PTY width; older images cap `terminal width` at 512.
  pagingCommands: ['terminal length 0', 'terminal width 511'],
  pagingErrorsTolerated: true,
  pagerPrompts: [],
  enable: { command: 'enable', passwordPrompt: /^\s*Password:\s*$/ },
  config: { enter: 'configure terminal', exit: 'end', execPrefix: 'do ' },
  errorPatterns: CISCO_STYLE_ERRORS,
  hostnameCommand: /^\s*hostname\s+(\S+)\s*$/,
  configQuestions: [DECLINE_CONFIRM, DECLINE_YES_NO],
  passwordQuestions: [],
  save: {
    command: 'write memory',
    answers: [ACCEPT_DESTINATION, ACCEPT_CONFIRM],
    errorPatterns: CISCO_SAVE_ERRORS,
  },
  candidate: undefined,
  quirks: [
    'MOTD and login banners may contain lines ending in # or > (prompt look-alikes).',
    'The prompt after `hostname X` in config mode already carries the new name.',
    'Pager prompt ` --More-- ` is erased with backspaces after the space is sent.',
    'A user-level login (`R1>`) needs `enable` and the enable secret at `Password:`.',
    "`% Invalid input detected at '^' marker.` follows a caret line under the echo.",
  ],
};
