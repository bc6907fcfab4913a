import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { CredentialProfileView } from '@fleetpush/contracts';
import { clientFor, connectedCommand } from '../cli-context';
import { UsageError } from '../cli-errors';
import type { CliIo } from '../cli-io';
import { ExitCode } from '../exit-codes';
import { commandArgs, CONNECTION_OPTIONS, CONNECTION_USAGE } from '../parse-flags';
import { table } from '../result-view';
import { refuseInlineSecrets, secretFlag } from '../secret-flags';

/** Usage of `fleetpush credentials …` (admin). */
export const CREDENTIALS_USAGE = `usage: fleetpush credentials create --name NAME --username USER
                                  (--password-env VARIABLE | --key-file FILE [--passphrase-env VARIABLE])
                                  [--enable-secret-env VARIABLE]
       fleetpush credentials list
       fleetpush credentials delete NAME
  Credential profiles (an admin's token): an inventory row names one in its credential column
  instead of carrying a password. Secrets are read from environment variables you name, never
  from the command line; the API stores them sealed and never gives them back.
${CONNECTION_USAGE}`;

const SECRET_FLAGS = ['password', 'passphrase', 'enable-secret'] as const;

/** `fleetpush credentials create`: stores a profile; says what it holds, never the secrets. */
export async function credentialsCreate(args: readonly string[], io: CliIo): Promise<number> {
  const u = CREDENTIALS_USAGE;
  refuseInlineSecrets(args, SECRET_FLAGS, u);
  const { values } = commandArgs(
    args,
    {
      ...CONNECTION_OPTIONS,
      name: { type: 'string' },
      username: { type: 'string' },
      'password-env': { type: 'string' },
      'key-file': { type: 'string' },
      'passphrase-env': { type: 'string' },
      'enable-secret-env': { type: 'string' },
    },
    [],
    u,
  );
  if (values.name === undefined) throw new UsageError('--name is required', u);
  if (values.username === undefined) throw new UsageError('--username is required', u);
  const keyFile = values['key-file'];
  if ((values['password-env'] === undefined) === (keyFile === undefined))
    throw new UsageError('give one of --password-env or --key-file', u);
  const password = secretFlag('password-env', values['password-env'], io.env, u);
  const passphrase = secretFlag('passphrase-env', values['passphrase-env'], io.env, u);
  const enable = secretFlag('enable-secret-env', values['enable-secret-env'], io.env, u);
  const key =
    keyFile === undefined
      ? undefined
      : await readFile(path.resolve(io.cwd, keyFile), 'utf8').catch((error: unknown) => {
          throw new UsageError(`cannot read --key-file ${keyFile}: ${(error as Error).message}`, u);
        });
  const profile = await (
    await clientFor(values, io)
  ).credentials.create({
    name: values.name,
    username: values.username,
    ...(password !== undefined && { password }),
    ...(key !== undefined && { private_key: key }),
    ...(passphrase !== undefined && { passphrase }),
    ...(enable !== undefined && { enable_secret: enable }),
  });
  io.stdout(
    values.json
      ? `${JSON.stringify(profile)}\n`
      : `credential profile "${profile.name}" stored: username ${profile.username}, ${authOf(profile)}${profile.has_enable_secret ? ', enable secret' : ''}\n`,
  );
  return ExitCode.completed;
}

/** How a profile logs in, in words (which secrets it holds, never their values). */
function authOf(p: CredentialProfileView): string {
  if (p.has_private_key) return p.has_passphrase ? 'private key with passphrase' : 'private key';
  return p.has_password ? 'password' : 'no secret';
}

/** `fleetpush credentials list`: every profile with what it holds, never a secret. */
export async function credentialsList(args: readonly string[], io: CliIo): Promise<number> {
  const { client, json } = await connectedCommand(args, [], CREDENTIALS_USAGE, io);
  const profiles = await client.credentials.list();
  if (json) {
    io.stdout(`${JSON.stringify(profiles)}\n`);
    return ExitCode.completed;
  }
  const rows = profiles.map((p) => [
    p.name,
    p.username,
    authOf(p),
    p.has_enable_secret ? 'yes' : '',
    p.created_at,
  ]);
  io.stdout(`${table([['NAME', 'USERNAME', 'LOGIN', 'ENABLE', 'CREATED'], ...rows])}\n`);
  return ExitCode.completed;
}

/** `fleetpush credentials delete NAME`. */
export async function credentialsDelete(args: readonly string[], io: CliIo): Promise<number> {
  const {
    client,
    json,
    args: given,
  } = await connectedCommand(args, ['NAME'], CREDENTIALS_USAGE, io);
  const [name = ''] = given;
  await client.credentials.delete(name);
  io.stdout(
    json
      ? `${JSON.stringify({ name, deleted: true })}\n`
      : `credential profile "${name}" deleted\n`,
  );
  return ExitCode.completed;
}
