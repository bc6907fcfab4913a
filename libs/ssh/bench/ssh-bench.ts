/**
 * SSH client benchmark: `npx tsx libs/ssh/bench/ssh-bench.ts` (from the repo root).
 *
 * The device runs in a child process, so `process.cpuUsage()` here is the client's alone.
 * Prints: sequential SSH handshakes per second and client CPU per handshake (TCP + kex +
 * auth, curve25519/ed25519/AES-GCM), full `openSession` (+ shell, prompt, paging) the same
 * way, 500 sessions with 50 in flight, and commands per second / CPU per round trip on one
 * session. Targets on the 2-core dev machine: <= 3 ms CPU per handshake, >= 150 sequential
 * handshakes/s, <= 0.2 ms CPU per command round trip.
 */
import { spawn } from 'node:child_process';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'ssh2';
import { algorithmsFor } from '../src/algorithms';
import { openSession } from '../src/open-session';
import { type SessionTarget } from '../src/session-target';

/** Reads `--name value` from the command line (benchmarks take flags, not environment variables). */
function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const HANDSHAKES = Number(argValue('--handshakes') ?? 300);
const SESSIONS = 500;
const IN_FLIGHT = 50;
const COMMANDS = Number(argValue('--commands') ?? 3000);

interface Figures {
  readonly perSecond: number;
  readonly cpuMsEach: number;
}

async function startServer(): Promise<{ port: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'bench-server.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout }).once('line', resolve),
  );
  const { port } = JSON.parse(line) as { port: number };
  return { port, stop: () => child.stdin.end() };
}

/** Measures `count` sequential runs of `fn`: rate and client CPU per run. */
async function measure(count: number, fn: () => Promise<void>): Promise<Figures> {
  for (let i = 0; i < Math.min(20, count); i++) await fn(); // warm-up: JIT, crypto init
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await fn();
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return { perSecond: (count * 1000) / wallMs, cpuMsEach: (cpu.user + cpu.system) / 1000 / count };
}

/** One SSH handshake + password auth, then disconnect (what openSession does before the shell). */
function handshake(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const sock = tcpConnect({ host: '127.0.0.1', port });
    sock.setNoDelay(true);
    const client = new Client();
    client.once('ready', () => {
      client.end();
      resolve();
    });
    client.once('error', reject);
    client.connect({
      sock,
      username: 'admin',
      password: 'bench-pass',
      algorithms: algorithmsFor(false),
      hostVerifier: () => true,
      readyTimeout: 0,
    });
  });
}

function target(port: number): SessionTarget {
  return {
    host: '127.0.0.1',
    port,
    platform: 'cisco_ios',
    username: 'admin',
    auth: { password: 'bench-pass' },
    hostKey: { policy: 'accept' },
  };
}

async function fullSession(port: number): Promise<void> {
  const session = await openSession(target(port));
  await session.close();
}

async function concurrent(port: number): Promise<{ wallMs: number; cpuMsEach: number }> {
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  const worker = async (): Promise<void> => {
    while (next < SESSIONS) {
      next += 1;
      const session = await openSession(target(port));
      await session.exec(['show lines 5']);
      await session.close();
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const cpu = process.cpuUsage(cpu0);
  return { wallMs: Date.now() - t0, cpuMsEach: (cpu.user + cpu.system) / 1000 / SESSIONS };
}

async function commands(port: number): Promise<Figures> {
  const session = await openSession(target(port));
  try {
    return await measure(COMMANDS, async () => {
      await session.exec(['show lines 1']);
    });
  } finally {
    await session.close();
  }
}

async function main(): Promise<void> {
  const server = await startServer();
  try {
    const hs = await measure(HANDSHAKES, () => handshake(server.port));
    console.log(
      `handshake (TCP+kex+auth): ${hs.perSecond.toFixed(0)}/s sequential, ${hs.cpuMsEach.toFixed(2)} ms client CPU each`,
    );
    const full = await measure(Math.ceil(HANDSHAKES / 2), () => fullSession(server.port));
    console.log(
      `openSession+close (handshake, shell, prompt, paging): ${full.perSecond.toFixed(0)}/s sequential, ${full.cpuMsEach.toFixed(2)} ms client CPU each`,
    );
    const conc = await concurrent(server.port);
    console.log(
      `${SESSIONS} sessions (open, 1 command, close), ${IN_FLIGHT} in flight: ${conc.wallMs} ms, ${((SESSIONS * 1000) / conc.wallMs).toFixed(0)}/s, ${conc.cpuMsEach.toFixed(2)} ms client CPU each`,
    );
    const cmd = await commands(server.port);
    console.log(
      `commands on one session: ${cmd.perSecond.toFixed(0)}/s, ${cmd.cpuMsEach.toFixed(3)} ms client CPU per round trip`,
    );
  } finally {
    server.stop();
  }
}

void main();
