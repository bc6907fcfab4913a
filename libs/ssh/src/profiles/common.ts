import { type PromptAnswer } from './platform-profile';

/**
 * Rejections printed by the Cisco-style CLIs (IOS, IOS-XE, NX-OS, IOS-XR, EOS). Each is
 * anchored at the start of a response line and spelled with the device's own case, so a
 * `description Error: uplink` echo or a `%LINK-3-UPDOWN` syslog line never matches, while
 * every `% Invalid …` / `% Bad …` / `%Error …` variant does (the seed's substring list missed
 * `% Bad mask` and `% Ambiguous`, and matched descriptions).
 */
export const CISCO_STYLE_ERRORS: readonly RegExp[] = [
  /^% ?Invalid\b/,
  /^% ?Incomplete command\b/,
  /^% ?Ambiguous command\b/,
  /^% ?(?:Unknown|Unrecognized|Bad|Unavailable) command\b/,
  /^% ?Bad\b/,
  /^% ?Error\b/,
  /^% ?(?:Cannot|Can not|Can't|Unable to|Failed|Not allowed|Not supported|Unsupported)\b/,
  /^% ?(?:Permission denied|Authorization failed|Access denied)\b/,
  /^% ?\S.*\b(?:overlaps with|does not exist|is not allowed|is not permitted|is not supported)\b/,
  /^Command authorization failed\b/,
];

/** `[confirm]` reacts to a single key: `n` declines without a newline. */
export const DECLINE_CONFIRM: PromptAnswer = {
  question: /\[confirm\]\s*$/,
  answer: 'n',
  newline: false,
};

/**
 * `[yes/no]`-style questions raised by a config line: answer no. The question must be
 * complete (its `:`/`?`, or a default such as `(yes)`), not a prefix still arriving.
 */
export const DECLINE_YES_NO: PromptAnswer = {
  question: /[[(]\s*yes\s*[/,]\s*no\s*[\])]\s*(?:(?:\[[^\]]*\]|\([^)]*\))\s*[:?]?|[:?])\s*$/i,
  answer: 'no',
  newline: true,
};

/** IOS `copy running-config startup-config` asks for the destination: take the default. */
export const ACCEPT_DESTINATION: PromptAnswer = {
  question: /Destination filename \[[^\]]*\]\?\s*$/,
  answer: '',
  newline: true,
};

/** A save that asks `[confirm]` (e.g. overwriting NVRAM): Enter confirms. */
export const ACCEPT_CONFIRM: PromptAnswer = {
  question: /\[confirm\]\s*$/,
  answer: '',
  newline: true,
};

/** Save failures of the Cisco-style CLIs. */
export const CISCO_SAVE_ERRORS: readonly RegExp[] = [
  ...CISCO_STYLE_ERRORS,
  /^%?\s?(?:Error|Failed)\b.*(?:writing|copying|saving|nvram|startup)/i,
  /^Copy failed\b/,
];
