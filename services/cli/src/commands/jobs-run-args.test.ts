import { jobSubmissionSchema } from '@fleetpush/contracts';
import { UsageError } from '../cli-errors';
import {
  buildSubmission,
  commandLines,
  parseTargets,
  parseVars,
  parseWaves,
} from './jobs-run-args';

describe('jobs run flags → submission', () => {
  it('maps every flag to its submission field, and the API schema accepts the result', () => {
    const submission = buildSubmission(
      {
        name: 'ntp',
        verify: ['show run | include ntp', 'show clock'],
        targets: 'tag:edge,10.0.0.9:22',
        canary: '10.0.0.1:22',
        concurrency: '5',
        'stagger-ms': '200',
        waves: '1,10%,100%',
        limit: ['per:site=1', 'tag:core=2'],
        'max-failures': '2',
        retries: '0',
        save: true,
        'verify-mode': 'canary',
        scope: 'all',
        'pause-after-canary': true,
        var: ['ntp=10.1.1.1', 'url=http://x/?a=b'],
        'confirm-prod': true,
      },
      'change.txt',
      'ntp server {{ntp}}\n\n  \nlogging host 10.0.0.2   \r\n',
      'no ntp server {{ntp}}\n\nno logging host 10.0.0.2\n',
    );
    expect(submission).toEqual({
      name: 'ntp',
      commands: ['ntp server {{ntp}}', 'logging host 10.0.0.2'],
      verify_commands: ['show run | include ntp', 'show clock'],
      rollback_commands: ['no ntp server {{ntp}}', 'no logging host 10.0.0.2'],
      targets: ['tag:edge', '10.0.0.9:22'],
      canary: '10.0.0.1:22',
      strategy: {
        concurrency: 5,
        stagger_ms: 200,
        max_failures: 2,
        waves: [1, '10%', '100%'],
        limits: [
          { per: 'site', concurrency: 1 },
          { tag: 'core', concurrency: 2 },
        ],
      },
      retry: { attempts: 1 },
      verify_mode: 'canary',
      command_scope: 'all',
      global_vars: { ntp: '10.1.1.1', url: 'http://x/?a=b' },
      save_config: true,
      pause_after_canary: true,
      confirm_prod: true,
    });
    expect(jobSubmissionSchema.safeParse(submission).success).toBe(true);
  });

  it('defaults to every device, a name from the file, and nothing the flags did not ask for', () => {
    const submission = buildSubmission({}, 'c.txt', 'hostname x\n');
    expect(submission).toEqual({
      name: 'cli: c.txt',
      commands: ['hostname x'],
      targets: ['all'],
      strategy: {},
    });
    expect(jobSubmissionSchema.safeParse(submission).success).toBe(true);
  });

  it.each([
    [{ concurrency: 'abc' }, '--concurrency must be an integer >= 1, got "abc"'],
    [{ concurrency: '0' }, '--concurrency must be an integer >= 1, got "0"'],
    [{ 'stagger-ms': '-5' }, '--stagger-ms must be an integer >= 0'],
    [{ 'max-failures': '1.5' }, '--max-failures must be an integer >= 0'],
    [{ retries: 'x' }, '--retries must be an integer >= 0'],
    [{ waves: '1,ten' }, '--waves takes counts and percentages like 1,10%,100%; "ten"'],
    [{ 'verify-mode': 'some' }, '--verify-mode must be one of all|canary|none, got "some"'],
    [{ scope: 'half' }, '--scope must be one of all|canary, got "half"'],
    [{ var: ['novalue'] }, '--var takes NAME=VALUE, got "novalue"'],
    [
      { limit: ['per:site=1', 'tag:core'] },
      '--limit takes tag:NAME=N or per:VAR=N, got "tag:core"',
    ],
    [{ targets: ' , ' }, '--targets is empty'],
  ])('refuses %j naming the flag', (values, message) => {
    const attempt = (): unknown => buildSubmission(values, 'c.txt', 'hostname x');
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(message);
  });

  it('schedules with --start-at and closes the window with --end-at, relative to now', () => {
    const now = new Date('2026-12-07T23:00:00.000Z');
    const submission = buildSubmission(
      { 'start-at': '+3h', 'end-at': '2026-12-08T05:00:00+01:00' },
      'c.txt',
      'hostname x',
      undefined,
      now,
    );
    expect(submission.window).toEqual({
      start_at: '2026-12-08T02:00:00.000Z',
      end_at: '2026-12-08T05:00:00+01:00',
    });
    expect(jobSubmissionSchema.safeParse(submission).success).toBe(true);
    expect(() => buildSubmission({ 'start-at': 'tonight' }, 'c.txt', 'hostname x')).toThrow(
      '--start-at: "tonight" is not a time',
    );
  });

  it('refuses a commands file without a command line', () => {
    expect(() => buildSubmission({}, 'empty.txt', '\n  \n')).toThrow(
      'empty.txt has no command line',
    );
  });

  it('parses the small pieces', () => {
    expect(commandLines('a\r\nb  \n\n')).toEqual(['a', 'b']);
    expect(parseWaves('2, 50%,100%')).toEqual([2, '50%', '100%']);
    expect(parseVars(['a=1=2', 'b='])).toEqual({ a: '1=2', b: '' });
    expect(parseTargets(undefined)).toEqual(['all']);
    expect(parseTargets('[2001:db8::1]:22,type:cisco_ios')).toEqual([
      '[2001:db8::1]:22',
      'type:cisco_ios',
    ]);
  });
});
