import {
  canaryHoldText,
  approvalNote,
  approvalPolicyOf,
  approvedByText,
  approveLabel,
  approverKind,
  awaitingApprovalText,
  awaitsApproval,
  approvalNeedsAdmin,
  policyHolds,
  submitForApprovalText,
} from './approval';

const NOW = Date.parse('2026-12-08T00:00:00Z');
const held = { status: 'queued', actor: 'alice', approval: 'pending' } as const;

describe('awaitsApproval and the history note', () => {
  it('holds a queued job whose approval is pending, and no other', () => {
    expect(awaitsApproval(held)).toBe(true);
    expect(approvalNote(held)).toBe('awaits approval');
    // cancelled while it waited: nothing to approve any more
    expect(awaitsApproval({ ...held, status: 'cancelled' })).toBe(false);
    expect(approvalNote({ ...held, status: 'cancelled' })).toBeNull();
    // approved but scheduled: it waits for its window, not for anyone
    expect(awaitsApproval({ ...held, approval: 'approved', approved_by: 'bob' })).toBe(false);
    expect(approvalNote({ status: 'queued', actor: 'alice', approval: null })).toBeNull();
    expect(approvalNote({ status: 'queued', actor: 'alice' })).toBeNull();
  });
});

describe('the words of a held job', () => {
  it('names who may not approve it, and the admin role when only an admin may', () => {
    expect(awaitingApprovalText('alice', false)).toBe(
      'Awaits approval: someone other than alice must approve it before any device is touched.',
    );
    expect(awaitingApprovalText('alice', true)).toBe(
      'Awaits approval: someone other than alice with the admin role must approve it before any device is touched.',
    );
    expect(submitForApprovalText(true)).toBe(
      'Submitting does not start it: someone other than you with the admin role must approve it before any device is touched.',
    );
  });

  it('asks for the admin role under the production policy only', () => {
    expect(approvalNeedsAdmin('production')).toBe(true);
    expect(approvalNeedsAdmin('all')).toBe(false);
    expect(approvalNeedsAdmin('none')).toBe(false);
  });

  it('says "Approve and start", or only "Approve" when its change window opens later', () => {
    expect(approveLabel(null, NOW)).toBe('Approve and start');
    expect(approveLabel(undefined, NOW)).toBe('Approve and start');
    expect(approveLabel(new Date(NOW - 60_000).toISOString(), NOW)).toBe('Approve and start');
    expect(approveLabel(new Date(NOW + 60_000).toISOString(), NOW)).toBe('Approve');
  });

  it('says who approved a job, once approved', () => {
    expect(approvedByText({ ...held, approval: 'approved', approved_by: 'bob' })).toBe(
      'approved by bob',
    );
    expect(approvedByText(held)).toBeNull();
    expect(approvedByText({ status: 'completed', actor: 'alice' })).toBeNull();
  });
});

describe('approverKind', () => {
  const who = (name: string, role: 'viewer' | 'operator' | 'admin') => ({ name, role });

  it('lets an operator or admin other than the submitter approve', () => {
    expect(approverKind(who('bob', 'operator'), 'alice', false)).toBe('approver');
    expect(approverKind(who('bob', 'admin'), 'alice', false)).toBe('approver');
    expect(approverKind(who('bob', 'admin'), 'alice', true)).toBe('approver');
  });

  it('never lets the submitter approve their own job (four eyes), whatever their role', () => {
    expect(approverKind(who('alice', 'operator'), 'alice', false)).toBe('submitter');
    expect(approverKind(who('alice', 'admin'), 'alice', true)).toBe('submitter');
  });

  it('offers nothing to a viewer, nor to an operator when an admin must approve', () => {
    expect(approverKind(who('carol', 'viewer'), 'alice', false)).toBe('bystander');
    expect(approverKind(who('bob', 'operator'), 'alice', true)).toBe('bystander');
  });
});

describe('policyHolds', () => {
  it('holds every real job under all, those reaching production under production', () => {
    expect(policyHolds('all', { dryRun: false, prodDevices: 0 })).toBe(true);
    expect(policyHolds('production', { dryRun: false, prodDevices: 2 })).toBe(true);
    expect(policyHolds('production', { dryRun: false, prodDevices: 0 })).toBe(false);
    expect(policyHolds('none', { dryRun: false, prodDevices: 2 })).toBe(false);
  });

  it('never holds a dry run: it changes nothing', () => {
    expect(policyHolds('all', { dryRun: true, prodDevices: 2 })).toBe(false);
    expect(policyHolds('production', { dryRun: true, prodDevices: 2 })).toBe(false);
  });

  it('reads an API that says no policy as none', () => {
    const principal = { name: 'alice', role: 'admin' } as const;
    expect(approvalPolicyOf({ gatewayUrl: null, principal })).toBe('none');
    expect(approvalPolicyOf({ gatewayUrl: null, principal, approvalPolicy: 'all' })).toBe('all');
  });
});

describe('canaryHoldText', () => {
  const held = { status: 'paused', actor: 'alice', approval: 'approved' as const };
  it("tells the submitter of a held job that the fan-out's approval is someone else's", () => {
    expect(canaryHoldText(held, 'alice')).toContain('someone other than you');
    expect(canaryHoldText(held, 'bob')).toContain('read its diff, then resume');
  });

  it('keeps the plain words for a job no policy held', () => {
    expect(canaryHoldText({ ...held, approval: null }, 'alice')).toContain(
      'read its diff, then resume',
    );
  });
});
