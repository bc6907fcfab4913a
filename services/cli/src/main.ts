import { ExitCode } from './exit-codes';
import { processSignals } from './signals';
import { runCli } from './run-cli';

/** Commands that handle SIGINT/SIGTERM themselves (stop their children); others just end. */
const HANDLES_SIGNALS = new Set(['start', 'sim']);

/** The conventional exit code of a process ended by Ctrl-C (128 + SIGINT). */
const INTERRUPTED = 130;

/** Composition root of the `fleetpush` command. */
async function main(argv: readonly string[]): Promise<void> {
  const signals = processSignals();
  if (!HANDLES_SIGNALS.has(argv[0] ?? '')) {
    // Watching or waiting: the job keeps running on the server, so stopping is always safe.
    void signals.first.then(() => process.exit(INTERRUPTED));
  }
  const code = await runCli(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    interactive: process.stderr.isTTY === true,
    signals,
  });
  // Exit now: a socket.io reconnection timer or a keep-alive socket must not hold a finished
  // command open. stdout is flushed first when it is a pipe.
  process.stdout.write('', () => process.exit(code));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`fleetpush: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(ExitCode.failed);
});
