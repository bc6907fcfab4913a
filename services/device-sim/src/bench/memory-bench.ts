/**
 * Memory and start-up figures of the simulator (for docs/benchmarks.md):
 *   npx tsx services/device-sim/src/bench/memory-bench.ts [devices=1000] [sessions=200]
 * The fleet runs in this process; the SSH clients run in a child process so that the RSS
 * measured is the simulator's alone.
 */
import { fork } from 'node:child_process';
import { Client } from 'ssh2';
import { startFleet } from '../sim-fleet';

const MB = 1024 * 1024;

function rssMb(): string {
  global.gc?.();
  return (process.memoryUsage().rss / MB).toFixed(1);
}

/** Child role: open one shell per target, run `show running-config`, report, then wait. */
async function clients(targets: { port: number; password: string }[]): Promise<void> {
  const opened: Client[] = [];
  await Promise.all(
    targets.map(
      (t) =>
        new Promise<void>((resolve, reject) => {
          const c = new Client();
          c.on('error', reject);
          c.on('ready', () =>
            c.shell({ rows: 24, cols: 80 }, (err, ch) => {
              if (err) return reject(err);
              let text = '';
              ch.on('data', (d: Buffer) => {
                text += d.toString();
                if (/#$/.test(text) && !text.includes('end'))
                  ch.write('terminal length 0\nshow running-config\n');
                if (text.includes('\r\nend\r\n')) resolve();
              });
            }),
          );
          c.connect({ host: '127.0.0.1', port: t.port, username: 'admin', password: t.password });
          opened.push(c);
        }),
    ),
  );
  process.send?.('ready');
  process.on('message', () => {
    for (const c of opened) c.end();
    process.exit(0);
  });
}

async function main(): Promise<void> {
  const devices = Number(process.argv[2] ?? 1000);
  const sessions = Number(process.argv[3] ?? 200);
  const base = rssMb();
  let t = Date.now();
  const fleet = await startFleet({ devices, platforms: ['cisco_ios'] });
  const startMs = Date.now() - t;
  const idle = rssMb();
  const targets = fleet.devices
    .slice(0, sessions)
    .map((d) => ({ port: d.port, password: d.password }));
  t = Date.now();
  const child = fork(__filename, ['--child'], { execArgv: process.execArgv });
  child.send(targets);
  await new Promise<void>((resolve) => child.once('message', () => resolve()));
  const sessionMs = Date.now() - t;
  const busy = rssMb();
  child.send('stop');
  await new Promise((resolve) => child.once('exit', resolve));
  await fleet.close();
  console.log(
    JSON.stringify({
      devices,
      baselineRssMb: base,
      idleFleetRssMb: idle,
      startMs,
      sessions,
      withSessionsRssMb: busy,
      sessionsOpenAndShowRunMs: sessionMs,
    }),
  );
}

if (process.argv[2] === '--child') {
  process.once(
    'message',
    (targets) => void clients(targets as { port: number; password: string }[]),
  );
} else {
  void main();
}
