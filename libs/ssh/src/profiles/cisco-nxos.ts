import {
  ACCEPT_DESTINATION,
  CISCO_SAVE_ERRORS,
  CISCO_STYLE_ERRORS,
  DECLINE_YES_NO,
} from './common';
import { type PlatformProfile } from './platform-profile';

/** Cisco NX-OS: always privileged after login, `ERROR:` rejections, `copy r s` to save. */
export const ciscoNxos: PlatformProfile = {
  platform: 'cisco_nxos',
  prompt: {
    learn: /^(?<pre>)(?<host>[A-Za-z0-9][\w.\-/:]{0,62})(?<mode>(?:\([\w.\-/:]*\))?[>#]) ?$/,
    modeSuffix: String.raw`(?:\([\w.\-/:]*\))?[>#] ?`,
    configMode: /^\([^)]*\)#/,
    unprivilegedMode: /^>/,
    preamble: [],
  },
  pagingCommands: ['terminal length 0', 'terminal width 511'],
  pagingErrorsTolerated: true,
  pagerPrompts: [],
  enable: undefined,
  config: { enter: 'configure terminal', exit: 'end', execPrefix: 'do ' },
  errorPatterns: [...CISCO_STYLE_ERRORS, /^ERROR:\s/, /^Error:\s/, /^Syntax error while parsing\b/],
  hostnameCommand: /^\s*(?:hostname|switchname)\s+(\S+)\s*$/,
  configQuestions: [DECLINE_YES_NO],
  passwordQuestions: [],
  save: {
    command: 'copy running-config startup-config',
    answers: [ACCEPT_DESTINATION],
    errorPatterns: [...CISCO_SAVE_ERRORS, /^ERROR:\s/],
  },
  candidate: undefined,
  quirks: [
    "Rejections come as `% Invalid command at '^' marker.` or as `ERROR: …` lines.",
    'Logins land in privileged mode: there is no enable step.',
    '`copy running-config startup-config` prints a progress bar of `#` characters.',
  ],
};
