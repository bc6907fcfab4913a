import { Secret } from './secret';

/** Why {@link secretFromVariable} found no secret. */
export type SecretVariableProblem = 'bad_name' | 'unset';

/**
 * A secret from an environment variable the user names (`--password-env LAB_PW`), so that it
 * never stands in a command line (process lists, shell history). The value is kept as it is:
 * spaces count in a password. An empty variable is unset.
 */
export function secretFromVariable(
  env: NodeJS.ProcessEnv,
  name: string,
):
  | { readonly ok: true; readonly secret: Secret<string> }
  | { readonly ok: false; readonly problem: SecretVariableProblem } {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return { ok: false, problem: 'bad_name' };
  const value = env[name];
  if (value === undefined || value === '') return { ok: false, problem: 'unset' };
  return { ok: true, secret: new Secret(value) };
}
