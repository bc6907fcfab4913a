import { actionSettled, allowedActions } from './control-actions';

describe('allowedActions', () => {
  it.each([
    ['queued', ['cancel', 'terminate']],
    ['running', ['pause', 'cancel', 'terminate']],
    ['paused', ['resume', 'cancel', 'terminate']],
    ['cancelling', ['terminate']],
    ['completed', []],
    ['failed', []],
    ['cancelled', []],
  ])('a %s job offers %j', (status, actions) => {
    expect(allowedActions(status)).toEqual(actions);
  });
});

describe('actionSettled', () => {
  it('keeps "pausing…" until the job is paused (or over)', () => {
    expect(actionSettled('pause', 'running')).toBe(false);
    expect(actionSettled('pause', 'paused')).toBe(true);
    expect(actionSettled('pause', 'completed')).toBe(true);
  });

  it('keeps "cancelling…" until the job is cancelling or cancelled', () => {
    expect(actionSettled('cancel', 'paused')).toBe(false);
    expect(actionSettled('cancel', 'cancelling')).toBe(true);
    expect(actionSettled('terminate', 'cancelled')).toBe(true);
  });
});
