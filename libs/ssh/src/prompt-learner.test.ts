import { PromptLearner, type LearnStep } from './prompt-learner';
import { profileFor } from './profiles/profile-registry';
import { ScreenBuffer } from './screen-buffer';

/** Runs a learner against a device whose answer to Enter is `onEnter`. */
function learn(
  platform: Parameters<typeof profileFor>[0],
  chunks: string[],
  onEnter: string,
): LearnStep[] {
  const screen = new ScreenBuffer();
  const learner = new PromptLearner(profileFor(platform), { username: 'admin', password: 'pw' });
  const steps: LearnStep[] = [];
  const queue = [...chunks];
  while (queue.length > 0 && steps.at(-1)?.kind !== 'learned') {
    screen.write(queue.shift() ?? '');
    const step = learner.observe(screen);
    if (step.kind !== 'wait') steps.push(step);
    if (step.kind === 'send' && step.text === '\n') queue.push(onEnter);
  }
  return steps;
}

describe('PromptLearner', () => {
  it('does not trust a banner line that looks like a prompt when a read ends right after it', () => {
    const steps = learn('cisco_ios', ['Banner\r\ncore-sw1#', '\r\nmore banner\r\nR1>'], '\r\nR1>');
    expect(steps.at(-1)).toMatchObject({
      kind: 'learned',
      prompt: { line: 'R1>', host: 'R1', mode: 'unprivileged' },
    });
  });

  it('learns a Junos prompt with its trailing space and user@ prefix', () => {
    const steps = learn(
      'juniper_junos',
      ['{master:0}\r\nadmin@vmx1> '],
      '\r\n\r\n{master:0}\r\nadmin@vmx1> ',
    );
    expect(steps.at(-1)).toMatchObject({
      kind: 'learned',
      prompt: { pre: 'admin@', host: 'vmx1', line: 'admin@vmx1>' },
    });
  });

  it('learns an IOS-XR prompt with its node prefix', () => {
    const steps = learn('cisco_xr', ['RP/0/RSP0/CPU0:asr9k-1#'], '\r\nRP/0/RSP0/CPU0:asr9k-1#');
    expect(steps.at(-1)).toMatchObject({
      kind: 'learned',
      prompt: { pre: 'RP/0/RSP0/CPU0:', host: 'asr9k-1' },
    });
  });

  it('answers in-band Username/Password once and reports a second Password as refused', () => {
    const screen = new ScreenBuffer();
    const learner = new PromptLearner(profileFor('cisco_ios'), {
      username: 'admin',
      password: 'pw',
    });
    screen.write('User Access Verification\r\n\r\nUsername: ');
    expect(learner.observe(screen)).toEqual({ kind: 'send', text: 'admin\n', secret: false });
    screen.write('admin\r\nPassword: ');
    expect(learner.observe(screen)).toEqual({ kind: 'send', text: 'pw\n', secret: true });
    screen.write('\r\n% Login invalid\r\n\r\nPassword: ');
    expect(learner.observe(screen)).toMatchObject({ kind: 'auth_failed' });
  });

  it('presses Enter when the device stays silent', () => {
    const learner = new PromptLearner(profileFor('cisco_ios'), { username: 'admin' });
    expect(learner.nudge(new ScreenBuffer())).toEqual({ kind: 'send', text: '\n', secret: false });
  });
});
