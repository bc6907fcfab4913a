/**
 * The SSH floor of the peer benchmark's change: a bare ssh2 client that sends exactly the commands
 * a fleetpush worker sends to a `cisco_ios` device for this change (paging off, pre-check, config
 * mode, the 5 lines, end, save, post-check), canary first then the rest `--concurrency` at a time,
 * with the worker's algorithms, PTY and `setNoDelay`. Nothing else: no queue, no Redis, no
 * results kept, no prompt learning, no error detection beyond "the prompt came back".
 *
 * What it costs is what ssh2 (the mandated SSH library) and Node's crypto cost for this change on
 * this machine; fleetpush's CPU beyond it is the engine's own. Run by the peer bench as a child:
 *   node --import tsx bench/peers/ssh2-floor.ts --inventory fleet.csv --concurrency 200
 * Prints one JSON line: `{devices, failed, cpuSeconds, wallMs, errors}`, CPU and wall measured
 * from the first connection to the last close (start-up excluded, as for fleetpush).
 */
import { readFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { Client, type ClientChannel } from 'ssh2';
import { algorithmsFor, profileFor, SHELL_PTY } from '@fleetpush/ssh';
import { CHANGE_LINES, CHECK_COMMAND } from './change';

const IOS = profileFor('cisco_ios');
/** A Cisco prompt at the end of what the device sent: `R1#`, `R1(config)#`, `R1>`. */
const PROMPT_AT_END = /[\w.\-/:()]+[#>] ?$/;
/** What the worker sends to a `cisco_ios` device for the change, in order (from its profile). */
const COMMANDS = [
  ...IOS.pagingCommands,
  CHECK_COMMAND,
  IOS.config!.enter,
  ...CHANGE_LINES,
  IOS.config!.exit,
  IOS.save!.command,
  CHECK_COMMAND,
];
const STEP_TIMEOUT_MS = 30_000;

interface Device {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
}

function loadDevices(csvPath: string): Device[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(csvPath, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  return parsed.data.map((row) => ({
    host: row.host ?? '',
    port: Number(row.port || 22),
    username: row.username ?? '',
    password: row.password ?? '',
  }));
}

/** Resolves when the device's output so far ends in a prompt. */
function untilPrompt(shell: ClientChannel): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => done(new Error('prompt timeout')), STEP_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      seen = (seen + chunk.toString('utf8')).slice(-256);
      if (PROMPT_AT_END.test(seen)) done();
    };
    const onClose = (): void => done(new Error('channel closed'));
    function done(error?: Error): void {
      clearTimeout(timer);
      shell.off('data', onData);
      shell.off('close', onClose);
      if (error) reject(error);
      else resolve();
    }
    shell.on('data', onData);
    shell.once('close', onClose);
  });
}

function connected(device: Device): Promise<Client> {
  return new Promise((resolve, reject) => {
    const sock = tcpConnect({ host: device.host, port: device.port });
    sock.setNoDelay(true);
    const client = new Client();
    client.once('ready', () => resolve(client));
    client.once('error', reject);
    client.connect({
      sock,
      username: device.username,
      password: device.password,
      // straight to the password, as the worker does (ssh2's default asks with `none` first)
      authHandler: ['password'],
      algorithms: algorithmsFor(false),
      hostVerifier: () => true,
      readyTimeout: STEP_TIMEOUT_MS,
    });
  });
}

function shellOf(client: Client): Promise<ClientChannel> {
  return new Promise((resolve, reject) =>
    client.shell(SHELL_PTY, (error, stream) => (error ? reject(error) : resolve(stream))),
  );
}

/** The change on one device; resolves with the error's message, or undefined on success. */
async function push(device: Device): Promise<string | undefined> {
  let client: Client | undefined;
  try {
    client = await connected(device);
    const shell = await shellOf(client);
    await untilPrompt(shell);
    for (const command of COMMANDS) {
      const prompt = untilPrompt(shell);
      shell.write(`${command}\n`);
      await prompt;
    }
    shell.end('exit\n');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    client?.end();
  }
}

/** Canary alone, then the rest `concurrency` at a time; a failed canary stops the change. */
async function pushAll(
  devices: readonly Device[],
  concurrency: number,
): Promise<{ failed: number; errors: string[] }> {
  const canary = await push(devices[0]!);
  if (canary !== undefined) return { failed: devices.length, errors: [canary] };
  const errors: string[] = [];
  let next = 1;
  const lane = async (): Promise<void> => {
    while (next < devices.length) {
      const device = devices[next]!;
      next += 1;
      const error = await push(device);
      if (error !== undefined) errors.push(error);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, devices.length) }, lane));
  return { failed: errors.length, errors };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { inventory: { type: 'string' }, concurrency: { type: 'string', default: '50' } },
  });
  if (!values.inventory) throw new Error('--inventory is required');
  const devices = loadDevices(values.inventory);
  const cpu0 = process.cpuUsage();
  const started = Date.now();
  const { failed, errors } = await pushAll(devices, Number(values.concurrency));
  const wallMs = Date.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const counted: Record<string, number> = {};
  for (const e of errors) counted[e] = (counted[e] ?? 0) + 1;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    JSON.stringify({ devices: devices.length, failed, cpuSeconds, wallMs, errors: counted }),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
