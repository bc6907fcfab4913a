import { spawn } from 'node:child_process';
import type { CliIo } from '../cli-io';
import { REPO_ROOT } from '../repo-root';
import { serviceArgs } from '../start/service-process';

/** Usage of `fleetpush sim` (the simulator's own flags follow). */
export const SIM_USAGE = `usage: fleetpush sim [--dev] [device-sim flags]
  runs the SSH device simulator (services/device-sim) in the foreground; every flag but --dev is
  the simulator's own: fleetpush sim --help lists them (e.g. --devices 50 --csv fleet.csv).
  --dev   run it from its TypeScript sources (no build needed)`;

/** `fleetpush sim …`: the simulator as a child process with the terminal; its exit code is ours. */
export async function simCommand(args: readonly string[], io: CliIo): Promise<number> {
  const fromSource = args.includes('--dev');
  const rest = args.filter((a) => a !== '--dev');
  const child = spawn(
    process.execPath,
    [...serviceArgs(REPO_ROOT, 'device-sim', fromSource), ...rest],
    {
      cwd: io.cwd,
      env: fromSource
        ? { ...io.env, TSX_TSCONFIG_PATH: `${REPO_ROOT}/tsconfig.check.json` }
        : io.env,
      stdio: 'inherit',
    },
  );
  // Ctrl-C reaches the child through the terminal's process group; SIGTERM to us is passed on.
  void io.signals?.first.then(() => child.kill('SIGTERM'));
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 0))),
  );
}
