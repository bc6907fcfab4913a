import { stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { FleetpushClient } from '@fleetpush/client';
import { waitUntil } from '@fleetpush/testing';
import { runCliProcess, spawnCli, type CliProcess } from './__fixtures__/cli-process';
import { startDemo, stopDemoStart, type DemoStart } from './__fixtures__/demo-start';
import type { ResultSummary } from './result-view';
import { redisAnswers } from './start/redis-probe';

// End to end, the way an operator uses it: `fleetpush start --demo` (api, worker, gateway and a
// simulated fleet as child processes; no Redis answers at FLEETPUSH_REDIS_URL, so it starts a
// private redis-server), then the CLI as separate processes, checked by their exit codes. Each
// describe starts its own (a -t filter starts only the one its tests need).

const DEVICES = 4;
let demo: DemoStart | undefined;
let dir: string;
let env: NodeJS.ProcessEnv;
let start: CliProcess;
let apiUrl: string;
let controlUrl: string;
let client: FleetpushClient;
let keys: string[];
let token: string;
/** CLI processes a test started in the background, killed in afterAll if a test failed early. */
const background: CliProcess[] = [];

function cli(...args: string[]): ReturnType<typeof runCliProcess> {
  return runCliProcess(args, env, dir);
}

function parseJson<T>(text: string): T {
  return JSON.parse(text.trim()) as T;
}

async function setFaults(index: number, faults: object): Promise<void> {
  const response = await fetch(`${controlUrl}/devices/${index}/faults`, {
    method: 'POST',
    body: JSON.stringify(faults),
  });
  expect(response.status).toBe(200);
}

/** Starts the describe's `fleetpush start --demo` (`env` on top) and the change files it runs. */
async function setUp(devices: number, extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
  demo = await startDemo(devices, extraEnv);
  ({ dir, env, start, apiUrl, controlUrl, token } = demo);
  client = new FleetpushClient({ baseUrl: apiUrl, token });
  await writeFile(path.join(dir, 'ntp.txt'), 'ntp server 10.0.0.1\n');
  await writeFile(path.join(dir, 'logging.txt'), 'logging host 10.0.0.2\n');
  await writeFile(path.join(dir, 'snmp.txt'), 'snmp-server location rack-9\n');
  await writeFile(path.join(dir, 'no-snmp.txt'), 'no snmp-server location rack-9\n');
}

/** Kills what a test left running in the background, then stops the describe's `start`. */
async function tearDown(): Promise<void> {
  for (const run of background) if (run.child.exitCode === null) run.child.kill('SIGKILL');
  await Promise.all(background.splice(0).map((run) => run.done));
  await stopDemoStart(demo);
  demo = undefined;
}

describe('fleetpush CLI end to end', () => {
  beforeAll(() => setUp(DEVICES), 120_000);
  afterAll(tearDown, 60_000);

  it('start keeps the generated admin token in a 0600 file and never prints it', async () => {
    const tokenFile = path.join(dir, 'data', 'admin-token');
    expect(start.stdout()).toContain(`admin token in ${tokenFile}`);
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dir, 'data', 'secret-key'))).mode & 0o777).toBe(0o600);
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(start.stdout() + start.stderr()).not.toContain(token);
    expect(start.stderr()).toContain('starting a private redis-server');
  });

  it('devices list shows the imported demo fleet', async () => {
    const run = await cli('devices', 'list', '--json');
    expect(run.code).toBe(0);
    const page = parseJson<{ total: number; items: { key: string }[] }>(run.stdout);
    expect(page.total).toBe(DEVICES);
    keys = page.items.map((d) => d.key);
    const table = await cli('devices', 'list');
    expect(table.code).toBe(0);
    for (const key of keys) expect(table.stdout).toContain(key);
  });

  it('jobs run --canary --wait --json: exit 0 and every device completed', async () => {
    const run = await cli(
      'jobs',
      'run',
      '--commands-file',
      'ntp.txt',
      '--canary',
      keys[1] ?? '',
      '--verify',
      'show running-config | include ntp',
      '--concurrency',
      '2',
      '--wait',
      '--json',
    );
    expect(run.code).toBe(0);
    const result = parseJson<ResultSummary>(run.stdout);
    expect(result.status).toBe('completed');
    expect(result.devices).toHaveLength(DEVICES);
    expect(result.devices.every((d) => d.state === 'succeeded')).toBe(true);
    const diffs = await cli('jobs', 'result', result.id, '--json', '--diffs');
    expect(diffs.code).toBe(0);
    const withDiffs = parseJson<ResultSummary>(diffs.stdout);
    expect(withDiffs.devices.map((d) => (d.diff as { status: string }).status)).toEqual(
      Array(DEVICES).fill('changed'),
    );
  }, 60_000);

  it('a run whose canary fails exits 1 and touches no other device', async () => {
    await setFaults(0, { rejectCommand: '^logging' });
    try {
      const run = await cli(
        'jobs',
        'run',
        '--commands-file',
        'logging.txt',
        '--canary',
        keys[0] ?? '',
        '--wait',
        '--json',
      );
      expect(run.code).toBe(1);
      const result = parseJson<ResultSummary>(run.stdout);
      expect(result.status).toBe('failed');
      expect(result.devices.find((d) => d.key === keys[0])).toMatchObject({
        state: 'failed',
        code: 'command_error',
      });
      expect(result.devices.filter((d) => d.key !== keys[0]).map((d) => d.state)).toEqual(
        Array(DEVICES - 1).fill('skipped'),
      );
    } finally {
      await setFaults(0, {});
    }
  }, 60_000);

  it('bad input exits 2: a bad flag value, and a request the API refuses', async () => {
    const flag = await cli('jobs', 'run', '--commands-file', 'ntp.txt', '--concurrency', 'zero');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--concurrency must be an integer >= 1, got "zero"');
    const refused = await cli('jobs', 'run', '--commands-file', 'ntp.txt', '--canary', 'not a key');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/\(400 \w+\)/);
    expect(refused.stderr).toContain('canary');
    const unknown = await cli('jobs', 'result', 'no-such-job');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('404 not_found');
  }, 60_000);

  it('jobs run --preview prints the plan and what each limit covers (exit 0), or each problem (exit 2), and stores no job', async () => {
    const before = (await client.jobs.list()).total;
    const run = await cli(
      ...['jobs', 'run', '--commands-file', 'ntp.txt', '--var', 'site=ams'],
      ...['--limit', 'per:site=1', '--limit', 'tag:no-such-tag=1', '--preview'],
    );
    expect(run.code).toBe(0);
    const canary = /^canary (\S+),/m.exec(run.stdout)?.[1];
    expect(run.stdout).toContain(
      [
        'would be accepted (needs the operator role)',
        `canary ${canary}, then a wave of ${DEVICES - 1} (10 at a time, stagger 0 ms)`,
        `limit per site: at most 1 at a time — 1 group, ${DEVICES} devices`,
        'limit tag no-such-tag covers no target device — check the name',
        `devices: ${DEVICES} — first: ${canary} (canary)`,
        '  ntp server 10.0.0.1',
      ].join('\n'),
    );
    const refused = await cli(
      ...['jobs', 'run', '--commands-file', 'ntp.txt', '--canary', '10.255.0.1:22', '--preview'],
    );
    expect(refused.code).toBe(2);
    expect(refused.stdout).toMatch(
      /^would be REFUSED:\n {2}canary: 10\.255\.0\.1:22 is not among the targets\n/,
    );
    expect((await client.jobs.list()).total).toBe(before);
  }, 30_000);

  it('a run cancelled while held after its canary exits 3; watch and result say so too', async () => {
    const run = spawnCli(
      [
        'jobs',
        'run',
        '--commands-file',
        'ntp.txt',
        '--name',
        'to cancel',
        '--pause-after-canary',
        '--wait',
        '--json',
      ],
      env,
      dir,
    );
    background.push(run);
    const job = await waitUntil(
      async () => {
        const { items } = await client.jobs.list({ limit: 5 });
        return items.find((j) => j.name === 'to cancel' && j.status === 'paused');
      },
      { timeoutMs: 40_000, intervalMs: 200, description: 'the job holds after its canary' },
    );
    const cancel = await cli('jobs', 'cancel', job.id);
    expect(cancel.code).toBe(0);
    expect(cancel.stdout).toContain('status cancelled');
    const finished = await run.done;
    expect(finished.code).toBe(3);
    expect(parseJson<ResultSummary>(finished.stdout).status).toBe('cancelled');
    const watch = await cli('jobs', 'watch', job.id);
    expect(watch.code).toBe(3);
    expect(watch.stderr).toMatch(/done · 0 failed · 0 in flight · ETA .* · cancelled/);
    const result = await cli('jobs', 'result', job.id, '--json');
    expect(result.code).toBe(3);
    const summary = parseJson<ResultSummary>(result.stdout);
    expect(summary.counts).toEqual({ succeeded: 1, skipped: DEVICES - 1 });
  }, 90_000);

  it('jobs list shows the runs newest first with their outcome, filtered by status or text', async () => {
    const rows = (stdout: string) =>
      stdout
        .trimEnd()
        .split('\n')
        .slice(1, -1)
        .map((line) => line.split(/\s{2,}/));
    const all = await cli('jobs', 'list');
    expect(all.code).toBe(0);
    // ID, STATUS, DEVICES, OK, FAILED, RAN, CREATED, WINDOW, OWNER, NAME: the three runs above,
    // newest first
    expect(rows(all.stdout).map((r) => [r[1], r[2], r[3], r[4], r[7], r[9]])).toEqual([
      ['cancelled', String(DEVICES), '1', '0', '-', 'to cancel'],
      ['failed', String(DEVICES), '0', '1', '-', 'cli: logging.txt'],
      ['completed', String(DEVICES), String(DEVICES), '0', '-', 'cli: ntp.txt'],
    ]);
    expect(all.stdout.trimEnd().split('\n').at(-1)).toBe('1-3 of 3 jobs');
    const failed = await cli('jobs', 'list', '--status', 'failed,cancelled', '--text', 'LOG');
    expect(rows(failed.stdout).map((r) => r[9])).toEqual(['cli: logging.txt']);
    const bad = await cli('jobs', 'list', '--status', 'done');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--status must be among');
  }, 30_000);

  it('jobs rerun runs a failed job again on its failed device once the fault is gone', async () => {
    const { items } = await client.jobs.list({ text: 'logging' });
    const failed = items.find((j) => j.status === 'failed')!;
    const run = await cli('jobs', 'rerun', failed.id, '--wait', '--json');
    expect(run.code).toBe(0);
    const summary = parseJson<ResultSummary>(run.stdout);
    expect(summary).toMatchObject({
      name: 'cli: logging.txt (rerun: 1 failed)',
      status: 'completed',
      devices: [{ key: keys[0], state: 'succeeded' }],
    });
    const completed = (await client.jobs.list({ status: 'completed', text: 'ntp.txt' })).items[0]!;
    const nothing = await cli('jobs', 'rerun', completed.id);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('failed or was aborted: nothing to rerun (409 invalid_state)');
  }, 60_000);

  it('jobs undo runs the rollback file of a job on every device it changed', async () => {
    const verify = ['--verify', 'show running-config | include snmp-server location'];
    const change = await cli(
      'jobs',
      'run',
      '--commands-file',
      'snmp.txt',
      '--rollback-file',
      'no-snmp.txt',
      ...verify,
      '--concurrency',
      '5',
      '--wait',
      '--json',
    );
    expect(change.code).toBe(0);
    const job = parseJson<ResultSummary>(change.stdout);
    const undo = await cli('jobs', 'undo', job.id, '--wait', '--json');
    expect(undo.code).toBe(0);
    const undone = parseJson<ResultSummary>(undo.stdout);
    expect([undone.name, undone.status, undone.devices.length]).toEqual([
      `cli: snmp.txt (undo: ${DEVICES} devices)`,
      'completed',
      DEVICES,
    ]);
    // each device's verify output lost the line again
    const diffs = parseJson<ResultSummary>(
      (await cli('jobs', 'result', undone.id, '--json', '--diffs')).stdout,
    );
    for (const d of diffs.devices)
      expect((d.diff as { body: string }).body).toContain('-snmp-server location rack-9');
  }, 60_000);

  it('jobs run --limit per:site=1 runs one device of a site at a time, and completes', async () => {
    const run = await cli(
      ...['jobs', 'run', '--commands-file', 'ntp.txt', '--name', 'one per site'],
      ...['--var', 'site=ams', '--limit', 'per:site=1', '--concurrency', '4', '--wait', '--json'],
    );
    expect(run.code).toBe(0);
    const summary = parseJson<ResultSummary>(run.stdout);
    expect([summary.status, summary.devices.length]).toEqual(['completed', DEVICES]);
    expect((await client.jobs.get(summary.id)).spec).toMatchObject({
      strategy: { concurrency: 4, limits: [{ per: 'site', concurrency: 1 }] },
    });
    // every device is in site ams: each started once the one before it had finished
    const spans = (await client.jobs.result(summary.id)).devices
      .map(({ result }) => ({
        start: Date.parse(result?.started_at ?? ''),
        end: Date.parse(result?.finished_at ?? ''),
      }))
      .sort((a, b) => a.start - b.start);
    for (let i = 1; i < spans.length; i++)
      expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
  }, 60_000);

  it('jobs run --start-at schedules a job, jobs list shows it waiting, jobs start --wait runs it early', async () => {
    const run = await cli(
      'jobs',
      'run',
      '--commands-file',
      'ntp.txt',
      '--name',
      'night ntp',
      '--start-at',
      '+1h',
      '--end-at',
      '+2h',
    );
    expect(run.code).toBe(0);
    const scheduled =
      /^job (\S+) scheduled: (\d+) devices, canary \S+, starts at (\S+) \(in 1h 0m\), window closes (\S+)$/m.exec(
        run.stdout,
      );
    expect(scheduled).not.toBeNull();
    const [, id = '', devices, startAt = '', endAt = ''] = scheduled ?? [];
    expect(devices).toBe(String(DEVICES));
    expect(Math.abs(Date.parse(startAt) - (Date.now() + 3_600_000))).toBeLessThan(60_000);
    expect(Date.parse(endAt) - Date.parse(startAt)).toBe(3_600_000);
    expect(run.stdout).toContain(`start it now: fleetpush jobs start ${id}\n`);

    const list = await cli('jobs', 'list', '--text', 'night ntp');
    expect(list.code).toBe(0);
    const row = list.stdout
      .split('\n')
      .find((line) => line.startsWith(id))
      ?.split(/\s{2,}/);
    const minute = (iso: string): string => iso.slice(0, 16).replace('T', ' ');
    expect([row?.[1], row?.[5], row?.[7], row?.[9]]).toEqual([
      'queued',
      '-',
      `scheduled: starts ${minute(startAt)}, window closes ${minute(endAt)}`,
      'night ntp',
    ]);

    const shown = await cli('jobs', 'result', id);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(
      `: queued — ${DEVICES} pending\nscheduled: starts ${startAt}, window closes ${endAt}\n`,
    );

    const started = await cli('jobs', 'start', id, '--wait');
    expect(started.code).toBe(0);
    expect(started.stderr).toContain(`job ${id} started: ${DEVICES} devices`);
    expect(started.stdout).toContain(`job ${id} (night ntp): completed — ${DEVICES} succeeded`);
    const again = await cli('jobs', 'start', id);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`job ${id} is completed`);
    expect(again.stderr).toContain('(409 invalid_state)');
  }, 60_000);

  it("serves live job events on the API's port: the web UI's origin, no gateway URL to set", async () => {
    const config = await fetch(`${apiUrl}/api/v1/ui-config`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(((await config.json()) as { gatewayUrl: unknown }).gatewayUrl).toBeNull();
    const run = await cli('jobs', 'run', '--commands-file', 'logging.txt', '--json');
    expect(run.code).toBe(0);
    const jobId = parseJson<{ id: string }>(run.stdout).id;
    const live = new FleetpushClient({ baseUrl: apiUrl, token, gatewayUrl: apiUrl });
    const types: string[] = [];
    const failures: unknown[] = [];
    const watch = live.watchJob(jobId, {
      onEvent: (event) => types.push(event.type),
      onError: (error) => failures.push(error),
    });
    try {
      await waitUntil(() => types.includes('job:finished') || failures.length > 0, {
        timeoutMs: 30_000,
        description: 'the job to finish, seen over Socket.IO on the API port',
      });
    } finally {
      watch.close();
    }
    expect(failures).toEqual([]);
    expect(types[0]).toBe('job:created');
    expect(types.filter((t) => t === 'device:result')).toHaveLength(DEVICES);
  }, 60_000);

  it('SIGTERM stops every child and the private Redis, then exits 0', async () => {
    start.child.kill('SIGTERM');
    const stopped = await start.done;
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toContain('fleetpush: stopped');
    await expect(fetch(`${apiUrl}/healthz`)).rejects.toThrow();
    await expect(fetch(`${controlUrl}/devices`)).rejects.toThrow();
    const redisUrl = /private redis-server at (\S+),/.exec(start.stderr())?.[1];
    expect(redisUrl).toBeDefined();
    expect(await redisAnswers(redisUrl ?? '')).toBe(false);
  }, 60_000);
});

describe('fleetpush CLI end to end, four eyes (FLEETPUSH_APPROVAL_POLICY=all)', () => {
  const FLEET = 2;
  beforeAll(() => setUp(FLEET, { FLEETPUSH_APPROVAL_POLICY: 'all' }), 120_000);
  afterAll(tearDown, 60_000);

  it('jobs run waits for an approval its submitter cannot give; another token approves it and it completes', async () => {
    const run = spawnCli(
      ['jobs', 'run', '--commands-file', 'ntp.txt', '--name', 'four eyes', '--wait'],
      env,
      dir,
    );
    background.push(run);
    const held = await waitUntil(
      () => /^job (\S+) awaits approval: (.*)$/m.exec(run.stderr()) ?? undefined,
      { timeoutMs: 30_000, intervalMs: 100, description: 'jobs run says the job awaits approval' },
    );
    const [, id = '', rest] = held;
    expect(rest).toMatch(
      new RegExp(
        `^${FLEET} devices, canary \\S+; someone other than you approves it: fleetpush jobs approve ${id}$`,
      ),
    );
    await waitUntil(() => run.stderr().includes(' · queued: awaits approval\n'), {
      timeoutMs: 10_000,
      intervalMs: 100,
      description: 'the progress line says the job awaits approval',
    });

    const own = await cli('jobs', 'approve', id);
    expect(own.code).toBe(2);
    expect(own.stderr).toContain(
      "error: a job's submitter cannot approve it: someone other than FLEETPUSH_ADMIN_TOKEN must (four eyes) (403 forbidden)",
    );
    expect(run.child.exitCode).toBeNull();

    const created = await cli('tokens', 'create', '--name', 'bob', '--role', 'operator');
    expect(created.code).toBe(0);
    const asBob = { ...env, FLEETPUSH_TOKEN: created.stdout.trim() };
    const approved = await runCliProcess(
      ['jobs', 'approve', id, '--comment', 'checked the ntp server', '--wait'],
      asBob,
      dir,
    );
    expect(approved.code).toBe(0);
    expect(approved.stderr).toContain(`job ${id} approved\njob ${id} started: ${FLEET} devices`);
    expect(approved.stdout).toContain(
      `job ${id} (four eyes): completed — ${FLEET} succeeded\napproved by bob\n`,
    );
    // the submitter's --wait waited through the approval, then to the end
    const submitted = await run.done;
    expect(submitted.code).toBe(0);
    expect(submitted.stdout).toContain(`job ${id} (four eyes): completed — ${FLEET} succeeded`);

    const list = await cli('jobs', 'list');
    expect(list.code).toBe(0);
    const row = list.stdout
      .split('\n')
      .find((line) => line.startsWith(id))
      ?.split(/\s{2,}/);
    // ID, STATUS, DEVICES, OK, FAILED, RAN, CREATED, WINDOW, OWNER, NAME
    expect([row?.[1], row?.[3], row?.[7], row?.[8], row?.[9]]).toEqual([
      'completed',
      String(FLEET),
      'approved by bob',
      'FLEETPUSH_ADMIN_TOKEN',
      'four eyes',
    ]);
  }, 90_000);
});
