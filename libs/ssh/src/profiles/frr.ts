import { DECLINE_YES_NO } from './common';
import { type PlatformProfile } from './platform-profile';

/**
 * FRRouting through vtysh: IOS-like prompts; vtysh prints nothing for an accepted line and
 * a `% …` line for every rejection (`% Unknown command`, `% Command incomplete`, `% Malformed …`).
 */
export const frr: PlatformProfile = {
  platform: 'frr',
  prompt: {
    learn: /^(?<pre>)(?<host>[A-Za-z0-9][\w.-]{0,62})(?<mode>(?:\([\w.\-/:]*\))?[>#]) ?$/,
    modeSuffix: String.raw`(?:\([\w.\-/:]*\))?[>#] ?`,
    configMode: /^\([^)]*\)#/,
    unprivilegedMode: /^>/,
    preamble: [],
  },
  pagingCommands: ['terminal length 0'],
  pagingErrorsTolerated: true,
  pagerPrompts: [],
  enable: { command: 'enable', passwordPrompt: /^\s*Password:\s*$/ },
  config: { enter: 'configure terminal', exit: 'end', execPrefix: 'do ' },
  errorPatterns: [/^% ?(?!Warning\b|Note\b|Info\b)\S/, /^(?:Error|ERROR): /],
  hostnameCommand: /^\s*hostname\s+(\S+)\s*$/,
  configQuestions: [DECLINE_YES_NO],
  passwordQuestions: [],
  save: {
    command: 'write memory',
    answers: [],
    errorPatterns: [/^% ?(?!Warning\b|Note\b|Info\b)\S/, /^\[?(?:Failed|FAILED)\b/, /^Error\b/],
  },
  candidate: undefined,
  quirks: [
    'vtysh starts privileged; `enable` is only needed when `enable password` is set.',
    'Every `%` line in a config response is a rejection, except `% Warning`.',
    '`write memory` prints `Note: this version of vtysh never writes vtysh.conf` first.',
  ],
};
