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
    for (const argv of [[], ['--help'], ['jobs', 'run', '--help']]) {
      const { code, out } = await run(...argv);
      expect(code).toBe(0);
      expect(out).toMatch(/^usage: fleetpush/);
    }
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
  ])('exits 2 on %j naming the problem', async (argv, message) => {
    const { code, err, out } = await run(...argv);
    expect(code).toBe(2);
    expect(err).toContain(`error: ${message}`);
    expect(out).toBe('');
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
