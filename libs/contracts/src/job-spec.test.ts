import fc from 'fast-check';
import { problemsFromZod } from './api-error';
import { jobSubmissionSchema } from './job-spec';

const minimal = { name: 'ntp rollout', commands: ['ntp server {{ntp}}'], targets: ['all'] };

function problems(body: unknown): string[] {
  const parsed = jobSubmissionSchema.safeParse(body);
  if (parsed.success) return [];
  return problemsFromZod(parsed.error.issues).map((p) => `${p.path}: ${p.message}`);
}

describe('jobSubmissionSchema', () => {
  it('fills the documented defaults', () => {
    const job = jobSubmissionSchema.parse(minimal);
    expect(job.strategy).toEqual({ concurrency: 10, stagger_ms: 0 });
    expect(job.retry).toEqual({
      attempts: 2,
      backoff_ms: 1000,
      max_backoff_ms: 30_000,
      after_apply: false,
    });
    expect(job.timeouts).toEqual({ connect_ms: 10_000, command_ms: 20_000, device_ms: 180_000 });
    expect(job.command_scope).toBe('all');
    expect(job.verify_mode).toBe('all');
    expect(job.dry_run).toBe(false);
    expect(job.diff_max_bytes).toBe(262_144);
  });

  it('accepts targets given as keys, IPv6 keys, tags and types, and waves', () => {
    const job = jobSubmissionSchema.parse({
      ...minimal,
      targets: ['10.0.0.1:22', '[2001:db8::1]:22', 'tag:core', 'type:cisco_ios'],
      canary: '10.0.0.1:22',
      strategy: {
        waves: [1, '10%', '100%'],
        concurrency: 50,
        stagger_ms: 5,
        max_failure_pct: 5,
        stop_on_error: false,
      },
    });
    expect(job.strategy.waves).toEqual([1, '10%', '100%']);
  });

  it('names the field of every problem', () => {
    expect(
      problems({
        ...minimal,
        commands: ['ok', 'two\nlines'],
        strategy: { concurrency: 0 },
        canary: 'not a key',
        extra: true,
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^commands\[1\]: must be a single line/),
        expect.stringMatching(/^strategy\.concurrency: /),
        expect.stringMatching(/^canary: /),
        expect.stringMatching(/^\(body\): .*extra/),
      ]),
    );
  });

  it('takes group limits by tag or by variable, and names the rule of each problem', () => {
    const limits = [
      { tag: 'core', concurrency: 1 },
      { per: 'site', concurrency: 2 },
    ];
    expect(jobSubmissionSchema.parse({ ...minimal, strategy: { limits } }).strategy.limits).toEqual(
      limits,
    );
    expect(
      problems({
        ...minimal,
        strategy: {
          limits: [
            { tag: 'core', per: 'site', concurrency: 1 },
            { concurrency: 1 },
            { tag: 'core', concurrency: 0 },
            { per: 'not-a-name', concurrency: 1 },
            { per: 'site' },
          ],
        },
      }),
    ).toEqual([
      'strategy.limits[0]: give either tag (devices with this tag) or per (a variable whose value groups the devices)',
      'strategy.limits[1]: give either tag (devices with this tag) or per (a variable whose value groups the devices)',
      expect.stringMatching(/^strategy\.limits\[2\]\.concurrency: /),
      expect.stringMatching(/^strategy\.limits\[3\]\.per: must be an identifier/),
      expect.stringMatching(/^strategy\.limits\[4\]\.concurrency: /),
    ]);
  });

  it('refuses a budget together with stop_on_error, and a dry run that saves', () => {
    expect(problems({ ...minimal, strategy: { max_failures: 2, stop_on_error: true } })).toEqual([
      expect.stringMatching(/^strategy\.stop_on_error: /),
    ]);
    expect(problems({ ...minimal, dry_run: true, save_config: true })).toEqual([
      expect.stringMatching(/^save_config: a dry run never saves/),
    ]);
  });

  it('refuses wave percentages outside (0, 100] and non-identifier global vars', () => {
    expect(problems({ ...minimal, strategy: { waves: ['0%'] } })).toHaveLength(1);
    expect(problems({ ...minimal, strategy: { waves: ['150%'] } })).toHaveLength(1);
    expect(problems({ ...minimal, global_vars: { 'bad-name': 'x' } })[0]).toMatch(/^global_vars/);
  });

  it('takes an http(s) notify_url without credentials in it', () => {
    for (const url of ['https://hooks.example.com/fleetpush', 'http://10.0.0.5:8000/h?x=1']) {
      expect(problems({ ...minimal, notify_url: url })).toEqual([]);
    }
    expect(problems({ ...minimal, notify_url: 'ftp://hooks.example.com/' })).toEqual([
      'notify_url: an http:// or https:// URL',
    ]);
    expect(problems({ ...minimal, notify_url: 'https://bot:s3cret@hooks.example.com/' })).toEqual([
      'notify_url: credentials in notify_url are refused',
    ]);
  });

  it('never throws on arbitrary input: every body is accepted or refused with problems', () => {
    fc.assert(
      fc.property(fc.anything(), (body) => {
        const parsed = jobSubmissionSchema.safeParse(body);
        if (!parsed.success) expect(problemsFromZod(parsed.error.issues).length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
