import {
  ACCEPT_CONFIRM,
  ACCEPT_DESTINATION,
  CISCO_SAVE_ERRORS,
  CISCO_STYLE_ERRORS,
  DECLINE_CONFIRM,
  DECLINE_YES_NO,
} from './common';
import { type PlatformProfile } from './platform-profile';

/** Cisco IOS-XE: IOS prompts and errors; saves with `copy running-config startup-config`. */
export const ciscoXe: PlatformProfile = {
  platform: 'cisco_xe',
  prompt: {
    learn: /^(?<pre>)(?<host>[A-Za-z0-9][\w.\-/:]{0,62})(?<mode>(?:\([\w.\-/:]*\))?[>#]) ?$/,
    modeSuffix: String.raw`(?:\([\w.\-/:]*\))?[>#] ?`,
    configMode: /^\((?!tcl\))[^)]*\)#/,
    unprivilegedMode: /^>/,
    preamble: [],
  },
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
    command: 'copy running-config startup-config',
    answers: [ACCEPT_DESTINATION, ACCEPT_CONFIRM],
    errorPatterns: CISCO_SAVE_ERRORS,
  },
  candidate: undefined,
  quirks: [
    '`copy running-config startup-config` asks `Destination filename [startup-config]?`.',
    'Syslog lines (`*Mar  1 00:00:01: %SYS-5-CONFIG_I: …`) may interleave with responses.',
    'The login greeting may arrive in several reads before the prompt.',
  ],
};
