import { secretFromVariable } from '@fleetpush/config';
import { UsageError } from './cli-errors';

/**
 * Refuses a secret given on the command line (`--password VALUE`, `--password=VALUE`), naming
 * the flag that reads it from the environment instead: a command line is in the process list
 * and the shell's history.
 */
export function refuseInlineSecrets(
  args: readonly string[],
  secretFlags: readonly string[],
  usage: string,
): void {
  for (const arg of args) {
    const flag = secretFlags.find((f) => arg === `--${f}` || arg.startsWith(`--${f}=`));
    if (flag !== undefined)
      throw new UsageError(
        `--${flag} would put the secret in the process list and the shell history: export it in a variable and pass --${flag}-env VARIABLE`,
        usage,
      );
  }
}

/** The value of the variable a `--…-env VARIABLE` flag names, or a {@link UsageError} naming both. */
export function secretFlag(
  flag: string,
  variable: string | undefined,
  env: NodeJS.ProcessEnv,
  usage: string,
): string | undefined {
  if (variable === undefined) return undefined;
  const read = secretFromVariable(env, variable);
  if (read.ok) return read.secret.reveal();
  const why = read.problem === 'unset' ? 'is not set (or empty)' : 'is not a variable name';
  throw new UsageError(`--${flag} ${variable}: ${why}`, usage);
}
