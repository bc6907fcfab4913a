import type { JobPreview } from './api-responses';
import type { GroupLimit } from './job-spec';

/** What one rule of `strategy.limits` covers among the targets, as the preview answers it. */
export type LimitCoverage = NonNullable<NonNullable<JobPreview['plan']>['limits']>[number];

/** A rule of `strategy.limits` in the operator's words: `tag core`, `per site`. */
export function limitRule(limit: GroupLimit): string {
  return limit.tag !== undefined ? `tag ${limit.tag}` : `per ${limit.per ?? ''}`;
}

const counted = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/** A rule (`per site`, `tag core`) and its cap in words: "per site: at most 1 at a time". */
export function limitCapText(rule: string, concurrency: number): string {
  return `${rule}: at most ${concurrency} at a time`;
}

/**
 * What a group limit covers in words, as the web review and the CLI's preview say it: "per site:
 * at most 1 at a time — 3 groups, 12 devices"; a rule covering no target device is usually a
 * typo, and a warning: "tag cor covers no target device — check the name".
 */
export function limitCoverageText(coverage: LimitCoverage): { text: string; warning: boolean } {
  if (coverage.devices === 0)
    return { text: `${coverage.rule} covers no target device — check the name`, warning: true };
  const covers = `${counted(coverage.groups, 'group')}, ${counted(coverage.devices, 'device')}`;
  return {
    text: `${limitCapText(coverage.rule, coverage.concurrency)} — ${covers}`,
    warning: false,
  };
}
