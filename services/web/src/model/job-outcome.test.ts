import { SKIP_REASONS } from '@fleetpush/domain';
import { jobOutcomeText, skipReasonSentence, waveBadgeState } from './job-outcome';

describe('jobOutcomeText', () => {
  it.each([
    ['failed', 'canary_failed', 'Job failed: the canary failed, so no other device was started'],
    [
      'failed',
      'budget_exceeded',
      'Job failed: a wave spent its failure budget; the devices not yet started were skipped',
    ],
    ['cancelled', 'cancelled', 'Job cancelled: the devices not yet started were skipped'],
    [
      'cancelled',
      'window_closed',
      'Job cancelled: its change window closed; the devices not yet started were skipped',
    ],
    ['failed', undefined, 'Job failed'],
    ['failed', 'something new', 'Job failed: something new'],
  ])('%s with reason %s reads "%s"', (status, reason, text) => {
    expect(jobOutcomeText(status, reason)).toBe(text);
  });
});

describe('waveBadgeState', () => {
  it('shows a completed wave as completed whatever the job does next', () => {
    expect(waveBadgeState('completed', 'cancelled')).toBe('completed');
  });

  it('shows an unfinished wave as far as the job got, never running once it stopped', () => {
    expect(waveBadgeState('started', 'running')).toBe('running');
    expect(waveBadgeState('started', 'cancelling')).toBe('running');
    expect(waveBadgeState('started', 'paused')).toBe('paused');
    expect(waveBadgeState('started', 'cancelled')).toBe('cancelled');
    expect(waveBadgeState('started', 'failed')).toBe('failed');
  });
});

describe('skipReasonSentence', () => {
  it('has words for every skip reason the engine records', () => {
    for (const reason of SKIP_REASONS) expect(skipReasonSentence(reason)).not.toMatch(/^Skipped: /);
    expect(skipReasonSentence('canary_failed')).toBe('Not started: the canary failed.');
  });

  it('shows a reason it does not know as it is', () => {
    expect(skipReasonSentence('new_reason')).toBe('Skipped: new_reason.');
  });
});
