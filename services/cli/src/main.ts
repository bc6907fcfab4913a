import { processSignals } from './signals';
import { runCli } from './run-cli';

/** Composition root of the `fleetpush` command. */
async function main(): Promise<void> {
  const signals = processSignals();
  const code = await runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    interactive: process.stderr.isTTY === true,
    signals,
  });
  process.exitCode = code;
  // Sockets (socket.io reconnection timers) must not keep a finished command alive.
  process.exit(code);
}

void main();
