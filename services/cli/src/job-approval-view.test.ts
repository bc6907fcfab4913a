import { approvalAndWindowText, approvalFields, approvalText } from './job-approval-view';

const START = '2026-12-08T02:00:00.000Z';
const END = '2026-12-08T04:00:00.000Z';

describe('a job approval in words', () => {
  it('says a job awaits approval, or who approved it, and nothing when none was needed', () => {
    expect(approvalText({ approval: 'pending', approved_by: null })).toBe('awaits approval');
    expect(approvalText({ approval: 'approved', approved_by: 'bob' })).toBe('approved by bob');
    expect(approvalText({ approval: 'approved' })).toBe('approved');
    expect(approvalText({ approval: null, approved_by: null })).toBe('');
    expect(approvalText({})).toBe('');
  });

  it('puts the approval before the change window, each only when there is one', () => {
    const minute = (iso: string): string => iso.slice(11, 16);
    expect(
      approvalAndWindowText(
        { status: 'queued', start_at: START, end_at: END, approval: 'pending' },
        minute,
      ),
    ).toBe('awaits approval, scheduled: starts 02:00, window closes 04:00');
    expect(
      approvalAndWindowText({ status: 'completed', approval: 'approved', approved_by: 'bob' }),
    ).toBe('approved by bob');
    expect(approvalAndWindowText({ status: 'running', end_at: END })).toBe(`window closes ${END}`);
    expect(approvalAndWindowText({ status: 'completed', approval: null })).toBe('');
  });

  it('gives --json the approval fields a job has, never nulls', () => {
    expect(approvalFields({ approval: 'approved', approved_by: 'bob' })).toEqual({
      approval: 'approved',
      approved_by: 'bob',
    });
    expect(approvalFields({ approval: 'pending', approved_by: null })).toEqual({
      approval: 'pending',
    });
    expect(approvalFields({ approval: null, approved_by: null })).toEqual({});
  });
});
