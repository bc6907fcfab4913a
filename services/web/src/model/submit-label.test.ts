import { submitLabel } from './submit-label';

const idle = { busy: false, devices: 3, later: false, held: false };

describe('submitLabel', () => {
  it('runs at once, or schedules a job whose window starts later', () => {
    expect(submitLabel(idle)).toBe('Run on 3 devices');
    expect(submitLabel({ ...idle, devices: 1 })).toBe('Run on 1 device');
    expect(submitLabel({ ...idle, later: true })).toBe('Schedule on 3 devices');
    expect(submitLabel({ ...idle, busy: true })).toBe('Starting…');
    expect(submitLabel({ ...idle, busy: true, later: true })).toBe('Scheduling…');
  });

  it('submits for approval a job the policy holds, scheduled or not: submitting starts nothing', () => {
    expect(submitLabel({ ...idle, held: true })).toBe('Submit for approval');
    expect(submitLabel({ ...idle, held: true, later: true })).toBe('Submit for approval');
    expect(submitLabel({ ...idle, held: true, busy: true })).toBe('Submitting…');
  });
});
