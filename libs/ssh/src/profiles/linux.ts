import { type PlatformProfile } from './platform-profile';

/**
 * A Linux shell (bash/sh): prompts like `user@host:~$ `, `[user@host ~]$ `, `root@host:/# `.
 * There is no config mode: `configure()` runs each line as a shell command and checks the
 * shell's error messages.
 */
export const linux: PlatformProfile = {
  platform: 'linux',
  prompt: {
    learn:
      /^(?<pre>\[?[\w.-]+@)?(?<host>[A-Za-z0-9][\w.-]{0,62})(?<mode>(?::[^\s$#%>]*|\s[^\]\s]*\])?[$#%>]) ?$/,
    modeSuffix: String.raw`(?::[^\s$#%>]*|\s[^\]\s]*\])?[$#%>] ?`,
    configMode: /(?!)/,
    preamble: [],
  },
  // Programs that page on a terminal (systemctl, git, man) read these.
  pagingCommands: ['export PAGER=cat SYSTEMD_PAGER=cat GIT_PAGER=cat'],
  pagingErrorsTolerated: true,
  pagerPrompts: [{ question: /^\s*\(END\)\s*$/, answer: 'q', newline: false }],
  enable: undefined,
  config: undefined,
  errorPatterns: [
    /: command not found$/,
    /^-?(?:ba|z|k|da|a)?sh: /,
    /: No such file or directory$/,
    /: Permission denied$/,
    /: Operation not permitted$/,
    /^\S+: permission denied\b/,
    /^RTNETLINK answers: /,
    /^Sorry, try again\.$/,
    /^\S+ is not in the sudoers file\b/,
    /: (?:invalid|unrecognized) option\b/,
    /^(?:E|Error|ERROR|error|fatal|FATAL): /,
    /^[Uu]sage: /,
  ],
  hostnameCommand: /^\s*(?:sudo\s+)?hostname(?:ctl\s+set-hostname)?\s+(\S+)\s*$/,
  configQuestions: [],
  passwordQuestions: [/^\[sudo\] password for [^:]+:\s*$/, /^Password:\s*$/],
  save: undefined,
  candidate: undefined,
  quirks: [
    'Prompts end in a space and carry the working directory.',
    'bash may wrap the prompt in bracketed-paste escape sequences (`ESC[?2004h`).',
    'There is no config mode and nothing to save.',
  ],
};
