import { DiffNotComputedReason } from '@fleetpush/domain';
import { diffNotComputedText } from './diff-reasons';

describe('diffNotComputedText', () => {
  it('has words for every reason the engine records', () => {
    for (const reason of Object.values(DiffNotComputedReason)) {
      const text = diffNotComputedText(reason);
      expect(text).toMatch(/^No diff/);
    }
  });

  it('shows a reason it does not know as it is', () => {
    expect(diffNotComputedText('apply failed')).toBe('Diff not computed: apply failed');
  });
});
