import {
  ACCEPT_CONFIRM,
  ACCEPT_DESTINATION,
  CISCO_SAVE_ERRORS,
  CISCO_STYLE_ERRORS,
  DECLINE_CONFIRM,
  DECLINE_YES_NO,
} from './common';
import { type PlatformProfile } from './platform-profile';

/** Arista EOS: IOS-like prompts (including `(s1)(config-s-s1)` sessions), enable, `write memory`. */
export const aristaEos: PlatformProfile = {
  platform: 'arista_eos',
  prompt: {
    learn: /^(?<pre>)(?<host>[A-Za-z0-9][\w.\-/:]{0,62})(?<mode>(?:\([\w.\-/:]*\)){0,2}[>#]) ?$/,
    modeSuffix: String.raw`(?:\([\w.\-/:]*\)){0,2}[>#] ?`,
    configMode: /\((?:config|cfg)[^)]*\)#/,
    unprivilegedMode: /^>/,
    preamble: [],
  },
  // EOS accepts up to 32767 columns; 511 matches the PTY.
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
    'Config sessions show two parenthesised groups: `leaf1(s1)(config-s-s1)#`.',
    '`% Unavailable command (not supported on this hardware platform)` is a rejection.',
    'Show commands run from config mode without `do`.',
  ],
};
