import { DECLINE_YES_NO } from './common';
import { type PlatformProfile } from './platform-profile';

/**
 * Juniper Junos: `user@host> ` / `user@host# ` prompts (trailing space), `[edit]` lines above
 * config prompts, a candidate configuration applied by `commit`.
 */
export const juniperJunos: PlatformProfile = {
  platform: 'juniper_junos',
  prompt: {
    learn: /^(?<pre>[\w.-]+@)(?<host>[A-Za-z0-9][\w.-]{0,62})(?<mode>[>#%]) ?$/,
    modeSuffix: '[>#] ?',
    configMode: /^#/,
    preamble: [
      /^\[edit(?:\s[^\]]*)?\]$/,
      /^\{(?:master|backup|primary|secondary|linecard|hold|ineligible)(?::(?:node)?\d+)?\}(?:\[edit[^\]]*\])?$/,
    ],
  },
  // complete-on-space off: otherwise Junos expands words as they are typed and the echo no
  // longer matches what was sent.
  pagingCommands: [
    'set cli screen-length 0',
    'set cli screen-width 511',
    'set cli complete-on-space off',
  ],
  pagingErrorsTolerated: true,
  pagerPrompts: [],
  enable: undefined,
  config: { enter: 'configure', exit: 'exit configuration-mode', execPrefix: 'run ' },
  errorPatterns: [
    /^\s*syntax error\b/,
    /^\s*unknown command\b/,
    /^\s*missing argument\b/,
    /^\s*invalid (?:value|argument|interface|ip address|prefix|command|name)\b/,
    /^\s*'[^']*' is ambiguous\b/,
    /^error: /,
  ],
  hostnameCommand: /^\s*set\s+system\s+host-name\s+(\S+)\s*$/,
  configQuestions: [DECLINE_YES_NO],
  passwordQuestions: [],
  save: undefined,
  candidate: {
    commit: 'commit',
    commitConfirmed: { template: 'commit confirmed {value}', unit: 'minutes', min: 1, max: 65535 },
    confirm: 'commit',
    discard: ['rollback 0', 'exit configuration-mode'],
    commitErrorPatterns: [
      /^error: /,
      /^\s*commit failed\b/,
      /^\s*configuration check-out failed\b/,
      /^\s*syntax error\b/,
    ],
    answers: [
      // Only asked if the candidate still differs; discard has already rolled it back.
      {
        question: /Exit with uncommitted changes\? \[yes,no\] \(yes\)\s*$/,
        answer: 'yes',
        newline: true,
      },
    ],
  },
  quirks: [
    'Prompts end in a space: `admin@vmx1> `.',
    'Config prompts follow an `[edit …]` line; EX/QFX chassis add `{master:0}` lines.',
    'Errors are lower-case (`syntax error.`, `error: …`, `missing argument.`) under a caret line.',
    'A new host-name only shows in the prompt after commit.',
    '`commit confirmed` takes minutes; seconds are rounded up.',
  ],
};
