import type { CliIo } from './cli-io';
import { runCli } from './run-cli';

/** Runs the CLI in-process; every case here fails before any network access. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env: { FLEETPUSH_TOKEN: 'unit-test-token' },
    cwd: __dirname,
    interactive: false,
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}

describe('fleetpush command line', () => {
  it('prints the usage with exit 0 for --help and no command', async () => {
    for (const argv of [[], ['--help'], ['jobs', 'run', '--help'], ['jobs', 'start', '--help']]) {
      const { code, out } = await run(...argv);
      expect(code).toBe(0);
      expect(out).toMatch(/^usage: fleetpush/);
    }
  });

  it('lists jobs approve and explains it with --help', async () => {
    expect((await run('--help')).out).toContain('\n  jobs approve ID [--comment TEXT]');
    const { code, out } = await run('jobs', 'approve', '--help');
    expect(code).toBe(0);
    expect(out).toMatch(
      /^usage: fleetpush jobs approve ID \[--comment TEXT\] \[--wait\] \[--json\]\n/,
    );
    expect(out).toContain('someone other than its\n  submitter must (four eyes)');
  });

  it('explains --limit in jobs run --help', async () => {
    const { code, out } = await run('jobs', 'run', '--help');
    expect(code).toBe(0);
    expect(out).toContain('\n  --limit RULE              at most N devices of a group in flight');
    expect(out).toContain('tag:NAME=N groups the devices tagged NAME, per:VAR=N');
  });

  it('explains --preview in jobs run --help', async () => {
    const { code, out } = await run('jobs', 'run', '--help');
    expect(code).toBe(0);
    expect(out).toContain(
      '\n  --preview                 submit nothing: show what the job would do',
    );
    expect(out).toContain('exit 0 if it would be accepted, 2 if\n');
  });

  it.each([
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['jobs', 'run', '--bogus'], "Unknown option '--bogus'."],
    [['jobs', 'run'], '--commands-file is required'],
    [['jobs', 'run', '--commands-file', 'no-such-file.txt'], 'cannot read --commands-file'],
    [['jobs', 'watch'], 'missing ID'],
    [['jobs', 'result', 'a', 'b'], 'unexpected argument "b"'],
    [['jobs', 'pause'], 'missing ID'],
    [['devices', 'import'], 'missing FILE'],
    [['devices', 'list', '--limit', 'many'], '--limit must be an integer >= 1, got "many"'],
    [['devices', 'list', '--url', 'not a url'], '--url must be a URL'],
    [['start', '--devices', '0'], '--devices must be an integer >= 1, got "0"'],
    [['jobs', 'list', '--status', 'done'], '--status must be among queued|'],
    [['jobs', 'rerun'], 'missing ID'],
    [['jobs', 'start'], 'missing ID'],
    [['jobs', 'rerun', 'j1', '--start-at', 'tonight'], '--start-at: "tonight" is not a time'],
    [['jobs', 'undo', 'j1', '--end-at', '9pm'], '--end-at: "9pm" is not a time'],
    // a readable commands file (this one: any lines will do), then a rule refused before any request
    [
      ['jobs', 'run', '--commands-file', 'run-cli.test.ts', '--limit', 'per:site=0'],
      '--limit takes tag:NAME=N or per:VAR=N, got "per:site=0": N must be an integer >= 1',
    ],
    [['jobs', 'start', 'j1', '--at', 'now'], "Unknown option '--at'."],
    // refused before the commands file is read, let alone any request
    [
      ['jobs', 'run', '--commands-file', 'no-such-file.txt', '--preview', '--wait'],
      '--preview submits nothing, so there is no job to --wait for',
    ],
    [['jobs', 'approve'], 'missing ID'],
    [['jobs', 'approve', 'j1', 'j2'], 'unexpected argument "j2"'],
    [['jobs', 'approve', 'j1', '--comment'], "Option '--comment <value>' argument missing"],
    [
      ['jobs', 'rerun', 'j1', '--devices', 'some'],
      '--devices must be one of failed|not-succeeded, got "some"',
    ],
    [['tokens', 'create', '--role', 'operator'], '--name is required'],
    [
      ['tokens', 'create', '--name', 'bot', '--role', 'root'],
      '--role must be one of viewer|operator|admin, got "root"',
    ],
    [
      ['tokens', 'create', '--name', 'bot', '--role', 'viewer', '--expires', 'later'],
      '--expires must be like 30d, 12h or an ISO time, got "later"',
    ],
    [['tokens', 'revoke'], 'missing ID'],
    [['credentials', 'create', '--name', 'lab', '--username', 'u'], 'give one of --password-env'],
    [
      ['credentials', 'create', '--name', 'lab', '--username', 'u', '--password-env', 'NOT_SET'],
      '--password-env NOT_SET: is not set (or empty)',
    ],
    [['credentials', 'delete'], 'missing NAME'],
  ])('exits 2 on %j naming the problem', async (argv, message) => {
    const { code, err, out } = await run(...argv);
    expect(code).toBe(2);
    expect(err).toContain(`error: ${message}`);
    expect(out).toBe('');
  });

  it('refuses a secret on the command line without repeating it, and names the flag to use', async () => {
    for (const flag of ['--password', '--enable-secret=']) {
      const argv = ['credentials', 'create', '--name', 'lab', '--username', 'u'];
      const { code, err } = await run(
        ...argv,
        flag.endsWith('=') ? `${flag}pl4nted-9` : flag,
        'pl4nted-9',
      );
      expect(code).toBe(2);
      const name = flag.replace('=', '');
      expect(err).toContain(`error: ${name} would put the secret in the process list`);
      expect(err).toContain(`pass ${name}-env VARIABLE`);
      expect(err).not.toContain('pl4nted-9');
    }
  });

  it('exits 2 with the variable named when the environment is wrong', async () => {
    let err = '';
    const code = await runCli(['devices', 'list'], {
      stdout: () => {},
      stderr: (t) => (err += t),
      env: { FLEETPUSH_URL: 'ftp://x' },
      cwd: __dirname,
      interactive: false,
    });
    expect(code).toBe(2);
    expect(err).toContain('FLEETPUSH_URL');
  });
});
