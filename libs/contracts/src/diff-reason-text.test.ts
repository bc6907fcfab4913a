import { DiffNotComputedReason } from '@fleetpush/domain';
import { diffReasonText } from './diff-reason-text';

describe('diffReasonText', () => {
  it('has words for every reason the engine records, and none for one it does not know', () => {
    for (const reason of Object.values(DiffNotComputedReason))
      expect(diffReasonText(reason)).toMatch(/^[a-z].{10,}[^.]$/);
    expect(diffReasonText('apply failed')).toBeUndefined();
  });
});
