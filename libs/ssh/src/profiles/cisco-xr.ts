import { CISCO_STYLE_ERRORS, DECLINE_YES_NO } from './common';
import { type PlatformProfile } from './platform-profile';

/**
 * Cisco IOS-XR: `RP/0/RP0/CPU0:xr1#` prompts and a candidate configuration that applies
 * only on `commit` (so config mode is kept between `configure()` and `commit()`).
 */
export const ciscoXr: PlatformProfile = {
  platform: 'cisco_xr',
  prompt: {
    learn:
      /^(?<pre>[A-Z]+\/\d+\/\w+\/CPU\d+:)?(?<host>[A-Za-z0-9][\w.-]{0,62})(?<mode>(?:\([\w.\-/:]*\))?[>#]) ?$/,
    modeSuffix: String.raw`(?:\([\w.\-/:]*\))?[>#] ?`,
    configMode: /^\([^)]*\)#/,
    unprivilegedMode: /^>/,
    preamble: [],
  },
  // IOS-XR caps `terminal width` at 512.
  pagingCommands: ['terminal length 0', 'terminal width 511'],
  pagingErrorsTolerated: true,
  pagerPrompts: [],
  enable: undefined,
  config: { enter: 'configure terminal', exit: 'end', execPrefix: 'do ' },
  errorPatterns: [...CISCO_STYLE_ERRORS, /^!!% /],
  hostnameCommand: /^\s*hostname\s+(\S+)\s*$/,
  configQuestions: [DECLINE_YES_NO],
  passwordQuestions: [],
  save: undefined,
  candidate: {
    commit: 'commit',
    // IOS-XR accepts 30-65535 seconds for a confirmed commit.
    commitConfirmed: { template: 'commit confirmed {value}', unit: 'seconds', min: 30, max: 65535 },
    confirm: 'commit',
    discard: ['abort'],
    commitErrorPatterns: [
      /^% ?Failed to commit\b/,
      /^% ?(?:Commit|Configuration) (?:failed|error)\b/i,
      /^% ?Error\b/,
      /^!!% /,
    ],
    answers: [
      // Leaving config mode with an uncommitted candidate: never commit implicitly.
      {
        question: /Uncommitted changes found, commit them[^?]*\?\s*\[[^\]]*\]:?\s*$/,
        answer: 'no',
        newline: true,
      },
    ],
  },
  quirks: [
    'Prompts carry the node: `RP/0/RP0/CPU0:host#`; a hostname change keeps the prefix.',
    '`end` with an uncommitted candidate asks whether to commit: the answer is always no.',
    '`commit` with nothing to commit prints `% No configuration changes to commit.` (not an error).',
    '`abort` discards the candidate and leaves config mode in one step.',
  ],
};
