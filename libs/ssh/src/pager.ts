import { type PromptAnswer } from './profiles/platform-profile';

const SPACE = ' ';

/**
 * Pager prompts that any platform might print even after paging was turned off (an image
 * without `terminal length 0`, a command that ignores it, a Linux program on a TTY). A pager
 * prompt is alone on the unterminated last line, so ordinary output that merely contains
 * "--More--" is not answered.
 */
export const GENERIC_PAGER_PROMPTS: readonly PromptAnswer[] = [
  // --More--, -- More --, ---(more)---, ---(more 45%)---
  { question: /^\s*-+ ?\(?[Mm]ore(?: \d{1,3}%)?\)? ?-+\s*$/, answer: SPACE, newline: false },
  { question: /^\s*<-+ ?More ?-+>\s*$/, answer: SPACE, newline: false },
  { question: /^\s*--More--\s*(?:or \(q\)uit)?\s*$/, answer: SPACE, newline: false },
  {
    question: /^\s*Press any key to continue(?: \([^)]*\))?\.*\s*$/i,
    answer: SPACE,
    newline: false,
  },
  { question: /^\s*--\s*More\s*\(\d{1,3}%\)\s*--\s*$/, answer: SPACE, newline: false },
];

/**
 * The pager prompt on the current line, if any, among the generic ones and the platform's
 * own. The caller sends its answer and erases the line, so the pager never reaches output.
 */
export function findPagerPrompt(
  partialLine: string,
  platformPagers: readonly PromptAnswer[],
): PromptAnswer | undefined {
  if (partialLine === '' || partialLine.length > 80) return undefined;
  for (const pager of platformPagers) if (pager.question.test(partialLine)) return pager;
  for (const pager of GENERIC_PAGER_PROMPTS) if (pager.question.test(partialLine)) return pager;
  return undefined;
}
